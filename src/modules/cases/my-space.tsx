import type { PersonActor } from '../../platform/http/access.ts';
import type { RouteContext } from '../../platform/http/route.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { backOfficeDesks } from './back-office-desks.ts';
import { backOfficeMessages } from './back-office-messages.ts';
import { backOfficeHome } from './back-office-routes.tsx';
import { type Case, listForAccount } from './cases.ts';
import { caseMessages } from './messages.ts';
import { requestsVisibleTo } from './request-resource.ts';
import { QueueList } from './views/back-office-page.tsx';
import { workflowFor } from './workflow-store.ts';

/** Requests still open, and those waiting for an answer from the requester. */
async function openRequests(platform: Platform, requests: Case[]) {
  const open: Case[] = [];
  const awaiting: Case[] = [];
  for (const item of requests) {
    const status = (await workflowFor(platform.db, item.form_id)).statuses[item.status];
    if (status?.final) continue;
    open.push(item);
    if (status?.awaitsCitizen) awaiting.push(item);
  }
  return { open, awaiting };
}

/** For staff: the queues of each authority whose requests they process, as on the back office's home. */
async function waitingWork(platform: Platform, c: RouteContext, actor: PersonActor) {
  if (actor.staffRoles.length === 0 && !actor.platformAdmin) return null;
  const { desks } = await backOfficeDesks(platform.db, actor, c.var.locale);
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

export function casesMySpace(platform: Platform): MySpaceSection {
  return {
    order: 15,
    async render(c, actor) {
      const work = await waitingWork(platform, c, actor);
      const requests = await ownRequests(platform, c, actor);
      return work || requests ? (
        <>
          {work}
          {requests}
        </>
      ) : null;
    },
    awaiting: async (_personId, accountId) =>
      (await openRequests(platform, await listForAccount(platform.db, accountId))).awaiting.length,
  };
}

/** The requests of the account in use: how many are open, and those waiting for the requester. */
async function ownRequests(platform: Platform, c: RouteContext, actor: PersonActor) {
  const { open, awaiting } = await openRequests(platform, await requestsVisibleTo(platform.db, actor));
  if (open.length === 0) return null;
  const t = caseMessages.translator(c.var.locale);
  return (
    <section class="my-space__section" aria-labelledby="my-requests">
      <h2 id="my-requests">{t('requestsTitle')}</h2>
      <p>{t('openCount', { count: open.length })}</p>
      {awaiting.length > 0 && (
        <ul>
          {awaiting.map((item) => (
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
