import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { listAuthorities } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { basisOf, viaKeys } from './access-basis.ts';
import { listAccess } from './access-log.ts';
import { accountMessages } from './messages.ts';
import { AccessLogPage, actionLabel } from './views/access-log-page.tsx';

const logPath = '/accounts/access-log';

const csvCell = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The account's access log: who read or did what, on which right; on screen and as a CSV file. */
export function accessLogRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The log is the account's own business: its holder or admins, never an agent. */
  async function readLog(c: RouteContext) {
    const actor = loggedInPerson(c);
    const decision = await can(db, actor, 'account.manage', { type: 'account', accountId: actor.account.id });
    if (!decision.allowed) throw notFound();
    const mandate = c.req.query('mandate');
    const mandateId = mandate && /^[0-9a-f-]{36}$/.test(mandate) ? mandate : undefined;
    const entries = await listAccess(db, actor.account.id, {
      mandateId,
      ...(c.req.path.endsWith('.csv') && { limit: 100_000 }),
    });
    const names = new Map(
      (await listAuthorities(db)).map((a) => [a.id, pick(a.names, c.var.locale, a.languages)]),
    );
    return { actor, mandateId, entries, authorityName: (id: string) => names.get(id) ?? '' };
  }

  return [
    {
      method: 'GET',
      path: logPath,
      access: 'person',
      async handler(c) {
        const { actor, mandateId, entries, authorityName } = await readLog(c);
        const query = new URLSearchParams({ ...(mandateId && { mandate: mandateId }) });
        return platform.render(
          c,
          { title: accountMessages.translator(c.var.locale)('accessLogTitle') },
          <AccessLogPage
            locale={c.var.locale}
            accountName={actor.account.name}
            entries={entries}
            mandateOnly={Boolean(mandateId)}
            authorityName={authorityName}
            csvHref={`${logPath}.csv${mandateId ? `?${query}` : ''}`}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: `${logPath}.csv`,
      access: 'person',
      async handler(c) {
        const { entries, authorityName } = await readLog(c);
        const t = accountMessages.translator(c.var.locale);
        const head = [
          t('accessWhen'),
          t('accessWho'),
          t('accessVia'),
          t('accessBasis'),
          t('accessWhat'),
          'subject',
        ];
        const lines = entries.map((e) =>
          [
            e.at.toISOString(),
            e.personName,
            t(viaKeys[e.via]),
            basisOf(t, e, authorityName),
            actionLabel(c.var.locale, e.action),
            e.subjectLabel,
          ]
            .map(csvCell)
            .join(','),
        );
        return c.body(`\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`, 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="access-log.csv"',
          'Cache-Control': 'no-store',
        });
      },
    },
  ];
}
