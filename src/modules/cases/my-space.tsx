import { sql } from 'kysely';
import type { PersonActor } from '../../platform/http/access.ts';
import type { RouteContext } from '../../platform/http/route.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { backOfficeDesks } from './back-office-desks.ts';
import { backOfficeMessages } from './back-office-messages.ts';
import { backOfficeHome } from './back-office-routes.tsx';
import { caseMessages } from './messages.ts';
import type { QueueName } from './queue-counts.ts';
import { queueCountsSql } from './queue-counts-sql.ts';
import { type Group, requestGroups, requestSummary } from './request-summary.ts';
import { QueueList } from './views/back-office-page.tsx';

/** For staff: the queues of each authority whose requests they process, as on the back office's home. */
async function waitingWork(platform: Platform, c: RouteContext, actor: PersonActor, counted: Counted) {
  if (actor.staffRoles.length === 0 && !actor.platformAdmin) return null;
  const { desks } = await backOfficeDesks(platform.db, actor, c.var.locale, [], counted ?? {});
  const t = backOfficeMessages.translator(c.var.locale);
  return (
    <section class="my-space__section" aria-labelledby="my-work">
      <h2 id="my-work">{t('workTitle')}</h2>
      {desks
        .filter((desk) => desk.queues)
        .map((desk) => (
          <>
            <h3>{desk.name}</h3>
            <QueueList locale={c.var.locale} desk={desk} />
          </>
        ))}
      <p>
        <a href={backOfficeHome}>{t('workAll')}</a>
      </p>
    </section>
  );
}

/** The queues' counts per authority, read with the page (none for who is no one's staff). */
type Counted = Record<string, Record<QueueName, number>> | null;

export function casesMySpace(platform: Platform): MySpaceSection {
  return {
    order: 15,
    summary(actor) {
      // Counted wherever the person holds a role: which desks show is still the policy's, in `render`.
      const authorityIds = [...new Set(actor.staffRoles.map((r) => r.authorityId))];
      const queues = authorityIds.length > 0 ? queueCountsSql(authorityIds, actor.id) : sql`null`;
      return sql`json_build_object('groups', (${requestGroups(actor.account.id)}), 'queues', ${queues})`;
    },
    async render(c, actor, summary) {
      const { groups, queues } = summary as { groups: Group[]; queues: Counted };
      const work = await waitingWork(platform, c, actor, queues);
      const requests = await ownRequests(platform, c, actor, groups);
      return (
        <>
          {work}
          {requests}
        </>
      );
    },
    awaitingSummary: (_personId, accountId) => requestGroups(accountId),
    awaiting: async (actor, summary) => {
      const groups =
        (summary as Group[] | undefined) ??
        (await requestGroups(actor.account.id).execute(platform.db)).rows[0]?.groups ??
        [];
      // The account's people see every request; a representative, those the policy gives them.
      return (await requestSummary(platform.db, groups, actor.mandate ? actor : undefined)).awaiting;
    },
  };
}

/** The requests of the account in use: how many are open, those waiting for the requester, the way to all. */
async function ownRequests(platform: Platform, c: RouteContext, actor: PersonActor, groups: Group[]) {
  const { open, awaiting, latestAwaiting } = await requestSummary(platform.db, groups, actor);
  const t = caseMessages.translator(c.var.locale);
  // Shown with none open too: the way to the requests already answered or closed.
  return (
    <section class="my-space__section" aria-labelledby="my-requests">
      <h2 id="my-requests">{t('requestsTitle')}</h2>
      <p>{open === 0 ? t('openNone') : t('openCount', { count: open })}</p>
      {awaiting > 0 && (
        <ul>
          {latestAwaiting.map((item) => (
            <li>
              <a href={`/requests/${item.id}`}>{t('awaitsYou', { reference: item.reference })}</a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/requests">{t('allRequests')}</a>
      </p>
    </section>
  );
}
