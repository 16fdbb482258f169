import type { Db } from '../../platform/database/database.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { type Locale, type LocalisedText, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { getAccount } from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { vaultOf } from '../documents/index.ts';
import { getPerson } from '../identity/index.ts';
import { type Issuance, issueDocument } from '../signing/index.ts';
import type { Case } from './cases.ts';
import { getCaseForJob } from './get-case.ts';
import { caseMessages } from './messages.ts';
import { workflowFor } from './workflow-store.ts';

export interface LetterTemplate {
  title: LocalisedText;
  text: LocalisedText;
  /** What the letter is issued as, when more than a letter or a decision (see the workflow's `letter`). */
  issuedAs?: 'authorisation';
}

/** A letter about a request, ready to issue (`issueDocument`): what it says and to whom, minus who issues it. */
export type LetterIssuance = Omit<Issuance, 'idempotencyKey' | 'issuedBy' | 'category'>;

/**
 * A letter filled in for the request's requester, in the language they read if the letter is written
 * in it, else in the authority's first. Placeholders: {reference}, {request}, {requester}, {date},
 * {submitted}, and whatever `more` gives in that language (e.g. {outcome}). The request's reference
 * and the requester's name are signed in its QR code; `verifierFields` adds more (e.g. the outcome).
 *
 * @example await letterIssuance(db, item, 'letter', { title: { fr: 'Décision' }, text: { fr: 'Bonjour {requester}' } })
 */
export async function letterIssuance(
  db: Db,
  item: Case,
  type: 'letter' | 'decision',
  letter: LetterTemplate,
  more: (locale: Locale) => Record<string, string> = () => ({}),
): Promise<LetterIssuance> {
  const authority = await getAuthorityById(db, item.authority_id);
  const account = await getAccount(db, item.account_id);
  const requester = await getPerson(db, item.person_id);
  const fallbacks = authority?.languages ?? [];
  const locale =
    [requester?.preferred_language, ...fallbacks].find(
      (l): l is Locale => (l === 'fr' || l === 'de' || l === 'en') && Boolean(letter.text[l]),
    ) ?? 'fr';
  const extra = more(locale);
  const values: Record<string, string> = {
    reference: item.reference,
    request: pick(item.title, locale),
    requester: account?.name ?? '',
    date: formatDate(locale, new Date()),
    submitted: formatDate(locale, item.created_at),
    ...extra,
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const t = caseMessages.translator(locale);
  return {
    type: letter.issuedAs ?? type,
    authorityId: item.authority_id,
    accountId: item.account_id,
    subject: {
      kind: account?.kind === 'professional' ? 'organisation' : 'person',
      name: account?.name ?? '',
    },
    language: locale,
    content: {
      title: fill(pick(letter.title, locale)).slice(0, 200),
      recipient: account?.name ?? '',
      paragraphs: fill(pick(letter.text, locale))
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      sections: [{ fields: [{ label: t('reference'), value: item.reference }] }],
    },
    verifierFields: {
      n: account?.name ?? '',
      r: item.reference,
      ...(extra.outcome ? { o: extra.outcome } : {}),
    },
    requestId: item.id,
    requestReference: item.reference,
    filename: `${item.reference}-${type}.pdf`,
  };
}

/**
 * The letter a status asks for, issued into the requester's documents (sealed, with its QR code),
 * linked to the request; the event id makes a retried job issue it once.
 */
export async function generateLetter(
  platform: Platform,
  job: { caseId: string; status: string; eventId: string },
) {
  const item = await getCaseForJob(platform.db, job.caseId);
  if (!item) return;
  const letter = (await workflowFor(platform.db, item.form_id)).statuses[job.status]?.letter;
  if (!letter) return;
  const issuance = await letterIssuance(platform.db, item, 'letter', letter);
  const context = { db: platform.db, config: platform.config, vault: await vaultOf(platform) };
  await platform.db.transaction().execute((tx) =>
    issueDocument(
      context,
      {
        ...issuance,
        filename: `${item.reference}-${job.status}.pdf`,
        category: 'correspondence',
        idempotencyKey: `letter:${job.eventId}`,
        issuedBy: 'system',
      },
      tx,
    ),
  );
}
