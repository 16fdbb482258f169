import { z } from 'zod';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { apiRoute, created, ok } from '../../platform/http/api/api-route.ts';
import { notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { recordAccess } from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { getThreadOfAuthority, listMessages, listThreads, postMessage, type Thread } from './threads.ts';

const threadSummary = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  subject: z.string(),
  unread: z.boolean().describe('The account’s side wrote since the authority last read it.'),
  updatedAt: z.iso.datetime({ offset: true }),
});
const message = z.object({
  id: z.uuid(),
  side: z.enum(['citizen', 'authority']),
  author: z.string(),
  text: z.string(),
  documentId: z.uuid().nullable(),
  at: z.iso.datetime({ offset: true }),
});

/** The authority's secure threads, read and answered by its business application. */
export function messagingApiRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const name = async (actor: ApiClientActor) => {
    const authority = await getAuthorityById(db, actor.authorityId);
    return `${authority ? pick(authority.names, 'fr', authority.languages) : ''} (API)`;
  };
  /** One of the authority's threads if the policy lets the application do `action`; else absent. */
  const threadFor = async (
    actor: ApiClientActor,
    id: string,
    action: 'integration.readMessages' | 'integration.sendMessages',
  ): Promise<Thread> => {
    const thread = await getThreadOfAuthority(db, actor.authorityId, id);
    const decision = await can(db, actor, action, { type: 'authority', authorityId: actor.authorityId });
    if (!thread || !decision.allowed) throw notFound();
    return thread;
  };
  const params = z.object({ id: z.uuid() });
  return [
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/threads',
      operationId: 'listThreads',
      summary: 'The authority’s threads, latest activity first (at most 200)',
      tag: 'Messages',
      scope: 'messages:read',
      object: 'decided',
      responses: { 200: z.object({ items: z.array(threadSummary) }) },
      async handle({ actor }) {
        const decision = await can(db, actor, 'integration.readMessages', {
          type: 'authority',
          authorityId: actor.authorityId,
        });
        if (!decision.allowed) throw notFound();
        const threads = await listThreads(db, { authorityId: actor.authorityId });
        return ok({
          items: threads.map((t) => ({
            id: t.id,
            accountId: t.account_id,
            subject: t.subject,
            unread: t.unread,
            updatedAt: t.updated_at.toISOString(),
          })),
        });
      },
    }),
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/threads/:id',
      operationId: 'getThread',
      summary: 'A thread with its messages (recorded in the account’s access log)',
      tag: 'Messages',
      scope: 'messages:read',
      object: 'decided',
      params,
      responses: {
        200: z.object({ id: z.uuid(), accountId: z.uuid(), subject: z.string(), messages: z.array(message) }),
      },
      errors: [404],
      async handle({ actor, params }) {
        const thread = await threadFor(actor, params.id, 'integration.readMessages');
        const messages = await listMessages(db, thread.id);
        await recordAccess(db, {
          accountId: thread.account_id,
          person: { id: actor.id, name: await name(actor) },
          via: 'api',
          authorityId: actor.authorityId,
          action: 'thread.readThroughApi',
          subject: { type: 'thread', id: thread.id, label: thread.subject },
        });
        return ok({
          id: thread.id,
          accountId: thread.account_id,
          subject: thread.subject,
          messages: messages.map((m) => ({
            id: m.id,
            side: m.side,
            author: m.author_name,
            text: m.body,
            documentId: m.document_id,
            at: m.created_at.toISOString(),
          })),
        });
      },
    }),
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/threads/:id/messages',
      operationId: 'sendThreadMessage',
      summary: 'Answers in a thread, in the authority’s name (the account’s people are told)',
      tag: 'Messages',
      scope: 'messages:write',
      object: 'decided',
      params,
      body: z.object({ text: z.string().trim().min(1).max(5000) }),
      responses: { 201: z.object({ threadId: z.uuid() }) },
      errors: [404],
      async handle({ actor, params, body }) {
        const thread = await threadFor(actor, params.id, 'integration.sendMessages');
        // The application writes as itself: its id stands where a clerk's would.
        await postMessage(db, thread, {
          side: 'authority',
          authorPersonId: actor.id,
          authorName: await name(actor),
          body: body.text,
        });
        return created({ threadId: thread.id });
      },
    }),
  ];
}
