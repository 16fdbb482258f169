import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { BackOfficeTool } from '../../platform/module.ts';
import { listAuthorities } from '../authorities/index.ts';
import { type AuthorityAction, can } from '../policy/index.ts';
import { backOfficeMessages } from './back-office-messages.ts';
import { type QueueName, queueCounts } from './queue-counts.ts';
import { staffBase } from './staff-case.ts';
import type { AuthorityDesk } from './views/back-office-page.tsx';

type Tool = Parameters<ReturnType<typeof backOfficeMessages.translator>>[0];

/** What each role may open in an authority's back office, as the policy decides it. */
const authorityTools: [AuthorityAction, Tool, (slug: string) => string][] = [
  ['authority.processRequests', 'toolInbox', (slug) => `/back-office/authorities/${slug}/requests`],
  ['authority.processRequests', 'toolMessages', (slug) => `/back-office/authorities/${slug}/messages`],
  ['authority.publishDocuments', 'toolDocuments', (slug) => `/back-office/authorities/${slug}/documents`],
  ['authority.publishDocuments', 'toolIssued', (slug) => `/back-office/authorities/${slug}/issued-documents`],
  ['authority.viewPayments', 'toolPayments', (slug) => `/back-office/authorities/${slug}/payments`],
  [
    'authority.manageTemplates',
    'toolTemplates',
    (slug) => `/back-office/authorities/${slug}/notification-templates`,
  ],
  ['authority.manageBranding', 'toolBranding', (slug) => `/authorities/${slug}/branding`],
  ['authority.manageApiKeys', 'toolApiKeys', (slug) => `/back-office/authorities/${slug}/api-keys`],
  ['authority.manageWebhooks', 'toolWebhooks', (slug) => `/back-office/authorities/${slug}/webhooks`],
  ['authority.viewIndicators', 'toolIndicators', (slug) => `/back-office/authorities/${slug}/indicators`],
  ['authority.processRequests', 'toolSupport', (slug) => `/back-office/authorities/${slug}/support`],
];

/**
 * The authorities where the person holds a role (all of them for a platform admin, those first), each with the
 * queues they work on and the tools their roles open, theirs and the other modules' (`contributed`);
 * and the tools shared by all authorities.
 */
export async function backOfficeDesks(
  db: Db,
  actor: PersonActor,
  locale: Locale,
  contributed: BackOfficeTool[] = [],
  /** The queues' counts already read (by "my space", with its other sections), per authority. */
  counted?: Record<string, Record<QueueName, number>>,
) {
  const t = backOfficeMessages.translator(locale);
  const mine = new Set(actor.staffRoles.map((r) => r.authorityId));
  const authorities = (await listAuthorities(db)).filter((a) => actor.platformAdmin || mine.has(a.id));
  const desks: AuthorityDesk[] = [];
  let designs = false;
  for (const authority of authorities) {
    const resource = { type: 'authority' as const, authorityId: authority.id };
    const allowed = new Map<AuthorityAction, boolean>();
    for (const action of [
      ...new Set([...authorityTools.map(([a]) => a), 'authority.designServices' as const]),
    ])
      allowed.set(action, (await can(db, actor, action, resource)).allowed);
    designs ||= allowed.get('authority.designServices') === true;
    const processes = allowed.get('authority.processRequests') === true;
    desks.push({
      slug: authority.slug,
      name: pick(authority.names, locale, authority.languages),
      ...(!mine.has(authority.id) && { administeredOnly: true }),
      ...(processes && {
        inbox: staffBase(authority),
        queues: counted?.[authority.id] ?? (await queueCounts(db, authority.id, actor.id)),
      }),
      tools: [
        ...authorityTools
          .filter(([action]) => allowed.get(action))
          .map(([, label, href]) => ({ label: t(label), href: href(authority.slug) })),
        ...(await Promise.all(contributed.map((tool) => tool.link(actor, authority, locale)))).filter(
          (link) => link !== null,
        ),
      ],
    });
  }
  const tools = designs
    ? [
        { label: t('toolCatalogue'), href: '/back-office/catalogue' },
        { label: t('toolForms'), href: '/back-office/forms' },
      ]
    : [];
  // The authorities where the person works first; those a platform admin only administers after.
  const shown = desks.filter((d) => d.tools.length > 0);
  return {
    desks: [...shown.filter((d) => !d.administeredOnly), ...shown.filter((d) => d.administeredOnly)],
    tools,
  };
}
