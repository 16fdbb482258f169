import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { type Case, listForAccount } from './cases.ts';
import { caseMessages } from './messages.ts';
import { requestsVisibleTo } from './request-resource.ts';
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

export function casesMySpace(platform: Platform): MySpaceSection {
  return {
    order: 15,
    async render(c, actor) {
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
    },
    awaiting: async (_personId, accountId) =>
      (await openRequests(platform, await listForAccount(platform.db, accountId))).awaiting.length,
  };
}
