import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { NotificationChannel, NotificationEvent } from '../accounts/index.ts';
import type { NotificationsTables } from './tables.ts';

/**
 * What a notification may say: who (the authority), where (the account's name), what kind of thing
 * awaits, and the link. No placeholder reaches a document's or message's content, so no template can.
 */
export const placeholders = ['authority', 'account', 'what', 'link'] as const;

export interface Template {
  subject: string;
  body: string;
}

const what: Record<Locale, Record<NotificationEvent, string>> = {
  fr: {
    newDocument: 'Un nouveau document',
    newMessage: 'Un nouveau message',
    requestStatus: 'Une nouvelle étape de votre demande',
    paymentDue: 'Un paiement',
    mandateToApprove: 'Une procuration à approuver',
    mandateChanged: 'Un changement de procuration',
    draftExpiring: 'Un brouillon bientôt supprimé',
    statementDue: 'Un état mensuel à déposer',
  },
  de: {
    newDocument: 'Ein neues Dokument',
    newMessage: 'Eine neue Nachricht',
    requestStatus: 'Ein neuer Schritt Ihres Gesuchs',
    paymentDue: 'Eine Zahlung',
    mandateToApprove: 'Eine zu genehmigende Vollmacht',
    mandateChanged: 'Eine Änderung einer Vollmacht',
    draftExpiring: 'Ein Entwurf, der bald gelöscht wird',
    statementDue: 'Eine fällige Monatsmeldung',
  },
  en: {
    newDocument: 'A new document',
    newMessage: 'A new message',
    requestStatus: 'A new step in your request',
    paymentDue: 'A payment',
    mandateToApprove: 'A mandate to approve',
    mandateChanged: 'A change to a mandate',
    draftExpiring: 'A draft about to be deleted',
    statementDue: 'A monthly statement due',
  },
};

const builtIn: Record<Locale, Record<NotificationChannel, Template>> = {
  fr: {
    email: {
      subject: '{authority} : {what} vous attend',
      body: 'Bonjour,\n\n{what} vous attend dans le guichet numérique, compte « {account} ».\n\nConnectez-vous pour le voir : {link}\n\nPar sécurité, ce message ne dit rien de son contenu. Ne répondez pas à ce courriel.',
    },
    sms: { subject: '', body: '{authority} : {what} vous attend dans le guichet numérique. {link}' },
    push: { subject: '{authority}', body: '{what} vous attend dans votre espace.' },
  },
  de: {
    email: {
      subject: '{authority}: {what} wartet auf Sie',
      body: 'Guten Tag\n\n{what} wartet im digitalen Schalter auf Sie, Konto «{account}».\n\nMelden Sie sich an, um es zu sehen: {link}\n\nAus Sicherheitsgründen sagt diese Nachricht nichts über den Inhalt. Bitte antworten Sie nicht auf diese E-Mail.',
    },
    sms: { subject: '', body: '{authority}: {what} wartet im digitalen Schalter auf Sie. {link}' },
    push: { subject: '{authority}', body: '{what} wartet in Ihrem Bereich auf Sie.' },
  },
  en: {
    email: {
      subject: '{authority}: {what} awaits you',
      body: 'Hello,\n\n{what} awaits you in the digital counter, account “{account}”.\n\nLog in to see it: {link}\n\nFor your security, this message says nothing of its content. Please do not reply to this e-mail.',
    },
    sms: { subject: '', body: '{authority}: {what} awaits you in the digital counter. {link}' },
    push: { subject: '{authority}', body: '{what} awaits you in your space.' },
  },
};

const ofRequest: Record<Locale, string> = { fr: 'demande', de: 'Gesuch', en: 'request' };

/**
 * The kind of thing that awaits, as notifications and the portal's list name it, with the reference
 * of the request it is about (so that it can be told from the others and quoted on the phone).
 */
export function eventLabel(event: NotificationEvent, locale: Locale, reference?: string | null): string {
  if (!reference) return what[locale][event];
  return event === 'requestStatus'
    ? `${what[locale][event]} ${reference}`
    : `${what[locale][event]} (${ofRequest[locale]} ${reference})`;
}

export function defaultTemplate(channel: NotificationChannel, locale: Locale): Template {
  return builtIn[locale][channel];
}

/** The authority's wording if it has one, else the built-in one. */
export async function templateFor(
  db: Db,
  key: { authorityId: string | null; event: NotificationEvent; channel: NotificationChannel; locale: Locale },
): Promise<Template & { custom: boolean }> {
  const custom = key.authorityId
    ? await tablesOf<NotificationsTables>(db)
        .selectFrom('notification_templates')
        .select(['subject', 'body'])
        .where('authority_id', '=', key.authorityId)
        .where('event', '=', key.event)
        .where('channel', '=', key.channel)
        .where('locale', '=', key.locale)
        .executeTakeFirst()
    : undefined;
  return custom
    ? { ...custom, custom: true }
    : { ...defaultTemplate(key.channel, key.locale), custom: false };
}

export type TemplateProblem = 'unknownPlaceholder' | 'linkMissing' | 'tooLong' | 'empty';

/** Checks a designer's template: known placeholders only, the link where people must follow it, short SMS. */
export function checkTemplate(channel: NotificationChannel, template: Template): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const used = [...`${template.subject} ${template.body}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (used.some((name) => !(placeholders as readonly string[]).includes(name ?? '')))
    problems.push('unknownPlaceholder');
  if (channel !== 'push' && !template.body.includes('{link}')) problems.push('linkMissing');
  if (!template.body.trim() || (channel !== 'sms' && !template.subject.trim())) problems.push('empty');
  const limit = channel === 'sms' ? 300 : channel === 'push' ? 200 : 3000;
  if (template.body.length > limit || template.subject.length > 200) problems.push('tooLong');
  return problems;
}

export function render(
  template: Template,
  values: {
    authority: string;
    account: string;
    event: NotificationEvent;
    reference?: string | null;
    link: string;
    locale: Locale;
  },
): Template {
  const fill = (text: string) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      if (name === 'what') return eventLabel(values.event, values.locale, values.reference);
      if (name === 'authority' || name === 'account' || name === 'link') return values[name];
      return whole;
    });
  return { subject: fill(template.subject), body: fill(template.body) };
}

type TemplateKey = {
  authorityId: string;
  event: NotificationEvent;
  channel: NotificationChannel;
  locale: Locale;
};

const auditOf = (actor: string, action: string, key: TemplateKey, details?: Template) => ({
  actor,
  action,
  subjectType: 'notificationTemplate',
  subjectId: `${key.event}/${key.channel}/${key.locale}`,
  authorityId: key.authorityId,
  details: details ? { ...details } : undefined,
});

export async function saveTemplate(
  db: Db,
  actor: string,
  key: TemplateKey,
  template: Template,
): Promise<void> {
  await audited(db, auditOf(actor, 'notifications.template.save', key, template), (tx) =>
    tablesOf<NotificationsTables>(tx)
      .insertInto('notification_templates')
      .values({
        authority_id: key.authorityId,
        event: key.event,
        channel: key.channel,
        locale: key.locale,
        ...template,
        updated_by: actor,
      })
      .onConflict((oc) =>
        oc
          .columns(['authority_id', 'event', 'channel', 'locale'])
          .doUpdateSet({ ...template, updated_by: actor }),
      )
      .execute(),
  );
}

export async function resetTemplate(db: Db, actor: string, key: TemplateKey): Promise<void> {
  await audited(db, auditOf(actor, 'notifications.template.reset', key), (tx) =>
    tablesOf<NotificationsTables>(tx)
      .deleteFrom('notification_templates')
      .where('authority_id', '=', key.authorityId)
      .where('event', '=', key.event)
      .where('channel', '=', key.channel)
      .where('locale', '=', key.locale)
      .execute(),
  );
}
