import { z } from 'zod';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { apiRoute, ok } from '../../platform/http/api/api-route.ts';
import { decodeCursor, pageFrom, pageOf, pageQuery } from '../../platform/http/api/cursor.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { getAccount, recordAccess } from '../accounts/index.ts';
import { formatUid, getOrganisation, getPerson, personName } from '../identity/index.ts';
import { apiActorName, apiCase } from './api-case.ts';
import { apiIssueRoutes } from './api-issue-routes.ts';
import { apiPaymentRoutes } from './api-payment-routes.ts';
import { caseMessage, requestDetail, requestSummary, summaryOf } from './api-schemas.ts';
import { apiWriteRoutes } from './api-write-routes.ts';
import { type Case, listEvents } from './cases.ts';
import { listRequestsOfAuthority } from './list-for-api.ts';
import { canOnCase } from './request-resource.ts';

const idParams = z.object({ id: z.uuid() });

/** Who the account is, by number: its holder's AVS number, or its organisation's UID. */
async function holderNumbers(
  db: Platform['db'],
  account: { person_id: string | null; organisation_id: string | null } | undefined,
) {
  const holder = account?.person_id ? await getPerson(db, account.person_id) : undefined;
  const organisation = account?.organisation_id
    ? await getOrganisation(db, account.organisation_id)
    : undefined;
  return { avs: holder?.avs ?? null, uid: organisation ? formatUid(organisation.uid) : null };
}

/** Requests read, listed and moved along by the business application of the authority that handles them. */
export function apiRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const logRead = async (actor: ApiClientActor, item: Case, action: string) =>
    recordAccess(db, {
      accountId: item.account_id,
      person: { id: actor.id, name: await apiActorName(db, actor) },
      via: 'api',
      authorityId: actor.authorityId,
      action,
      subject: { type: 'request', id: item.id, label: item.reference },
    });
  return [
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/requests',
      operationId: 'listRequests',
      summary: 'The authority’s requests, newest first, a page at a time',
      tag: 'Requests',
      scope: 'requests:read',
      object: { none: 'lists only the authority of the key, which the query names as a required argument' },
      query: z.object({
        status: z.string().max(100).optional().describe('Only requests in this status.'),
        formId: z.string().max(100).optional().describe('Only requests on this form.'),
        submittedFrom: z.iso.datetime({ offset: true }).optional().describe('Submitted at or after.'),
        submittedBefore: z.iso.datetime({ offset: true }).optional().describe('Submitted before.'),
        ...pageQuery,
      }),
      responses: { 200: pageOf(requestSummary) },
      async handle({ actor, query }) {
        const rows = await listRequestsOfAuthority(db, actor.authorityId, {
          status: query.status,
          formId: query.formId,
          submittedFrom: query.submittedFrom ? new Date(query.submittedFrom) : undefined,
          submittedBefore: query.submittedBefore ? new Date(query.submittedBefore) : undefined,
          after: query.cursor ? decodeCursor(query.cursor) : undefined,
          limit: query.limit,
        });
        // Each listed request is still one the policy lets this application read.
        const page = pageFrom(rows, query.limit, (row) => ({ at: row.cursorAt, id: row.id }));
        const items = [];
        for (const item of page.items)
          if ((await canOnCase(db, actor, 'request.readThroughApi', item)).allowed)
            items.push(summaryOf(item));
        return ok({ items, nextCursor: page.nextCursor });
      },
    }),
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/requests/:id',
      operationId: 'getRequest',
      summary: 'One request with its answers and requester (recorded in the requester’s access log)',
      tag: 'Requests',
      scope: 'requests:read',
      object: 'decided',
      params: idParams,
      responses: { 200: requestDetail },
      errors: [404],
      async handle({ actor, params }) {
        const item = await apiCase(db, actor, params.id, 'request.readThroughApi');
        const person = await getPerson(db, item.person_id);
        const account = await getAccount(db, item.account_id);
        // The answers and the AVS number leave with the application: the requester's log says so.
        await logRead(actor, item, 'request.readThroughApi');
        return ok({
          ...summaryOf(item),
          levelOfAssurance: item.level,
          // Whose request it is, and who filled it in: the same person, or a representative under a mandate.
          onBehalfOf: {
            accountId: item.account_id,
            name: account?.name ?? '',
            kind: account?.kind ?? 'personal',
            ...(await holderNumbers(db, account)),
          },
          actedBy: {
            personId: item.person_id,
            name: person ? personName(person) : '',
            avs: person?.avs ?? null,
            language: person?.preferred_language ?? null,
          },
          mandate: item.mandate_id ? { id: item.mandate_id } : null,
          answers: item.answers,
        });
      },
    }),
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/requests/:id/messages',
      operationId: 'listRequestMessages',
      summary: 'The messages written on a request, both ways (recorded in the requester’s access log)',
      tag: 'Requests',
      scope: 'requests:read',
      object: 'decided',
      params: idParams,
      responses: { 200: z.object({ items: z.array(caseMessage) }) },
      errors: [404],
      async handle({ actor, params }) {
        const item = await apiCase(db, actor, params.id, 'request.readThroughApi');
        const events = await listEvents(db, item.id, false);
        await logRead(actor, item, 'request.messagesThroughApi');
        return ok({
          items: events
            .filter((e) => e.kind === 'message')
            .map((e) => ({
              id: e.id,
              at: e.at.toISOString(),
              author: e.actor_name,
              text: e.text ?? '',
              documentId: e.document_id,
            })),
        });
      },
    }),
    ...apiWriteRoutes(platform),
    ...apiPaymentRoutes(platform),
    ...apiIssueRoutes(platform),
  ];
}
