import { z } from 'zod';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { apiRoute, created, ok } from '../../platform/http/api/api-route.ts';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { acceptBase64File } from '../../platform/uploads/index.ts';
import { getAccount } from '../accounts/index.ts';
import { mandateThemes } from '../mandates/index.ts';
import { can } from '../policy/index.ts';
import { type DocumentCategory, documentCategories } from './categories.ts';
import { deliveryStateOf } from './delivery-state.ts';
import {
  getDocumentOfAuthority,
  maxDocumentBytes,
  oneDocumentBodyBytes,
  publishDocument,
} from './documents.ts';
import { findRecipient, type Recipient } from './recipients.ts';
import { vaultOf } from './vault.ts';

const categories = Object.keys(documentCategories) as [DocumentCategory, ...DocumentCategory[]];

const documentState = z.object({
  id: z.uuid(),
  title: z.string(),
  category: z.enum(categories),
  accountId: z.uuid(),
  requestId: z.uuid().nullable(),
  sha256: z.string(),
  status: z
    .enum(['delivered', 'opened'])
    .describe('`opened` once one of the account’s own people opened it.'),
  deliveredAt: z.iso.datetime({ offset: true }),
  openedAt: z.iso.datetime({ offset: true }).nullable(),
  postedAt: z.iso.datetime({ offset: true }).nullable().describe('Sent on paper because unopened in time.'),
});

const recipient = z.union([
  z.object({ avs: z.string().describe('The person’s AVS number (756.xxxx.xxxx.xx).') }),
  z.object({ uid: z.string().describe('The organisation’s UID (CHE-xxx.xxx.xxx).') }),
  z.object({ accountId: z.uuid().describe('The account reference Guichet gave (e.g. in a request).') }),
]);

async function allow(
  platform: Platform,
  actor: ApiClientActor,
  action: 'integration.publishDocuments' | 'integration.readDocuments',
) {
  const decision = await can(platform.db, actor, action, {
    type: 'authority',
    authorityId: actor.authorityId,
  });
  if (!decision.allowed) throw new HttpError(403, 'forbidden');
}

/** Documents published into accounts by the authority's business application, and where they stand. */
export function documentApiRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/documents',
      operationId: 'publishDocument',
      summary: 'Publishes a document into a person’s or organisation’s account',
      tag: 'Documents',
      scope: 'documents:write',
      object: 'decided',
      maxBodyBytes: Math.ceil((oneDocumentBodyBytes * 4) / 3),
      body: z.object({
        recipient,
        title: z.string().min(1).max(200),
        category: z.enum(categories),
        theme: z.enum(mandateThemes).nullable().default(null).describe('Who may see it under a mandate.'),
        message: z.string().max(1000).nullable().default(null),
        filename: z.string().min(1).max(200),
        contentBase64: z.base64().describe('PDF, PNG or JPEG, at most 20 MB.'),
      }),
      responses: { 201: documentState },
      errors: [413, 422],
      async handle({ actor, body, c }) {
        await allow(platform, actor, 'integration.publishDocuments');
        const found: Recipient | string =
          'accountId' in body.recipient
            ? await getAccount(db, body.recipient.accountId).then((a) =>
                a ? { accountId: a.id, name: a.name } : 'notFound',
              )
            : 'avs' in body.recipient
              ? await findRecipient(db, { kind: 'avs', avs: body.recipient.avs })
              : await findRecipient(db, { kind: 'uid', uid: body.recipient.uid });
        if (typeof found === 'string')
          throw new HttpError(422, 'unknown_recipient', `no account for this recipient (${found})`);
        const upload = await acceptBase64File(c, body, { maxBytes: maxDocumentBytes });
        const { document } = await publishDocument(await vaultOf(platform), {
          accountId: found.accountId,
          authorityId: actor.authorityId,
          title: body.title,
          category: body.category,
          theme: body.theme,
          message: body.message,
          requestId: null,
          filename: upload.name,
          bytes: upload.bytes,
          quarantined: upload.scan === 'pending',
          idempotencyKey: `api:${actor.id}:${c.req.header('Idempotency-Key') ?? ''}`,
          publishedBy: `api:${actor.id}`,
        });
        return created(stateOut(document, await deliveryStateOf(db, document)));
      },
    }),
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/documents/:id',
      operationId: 'getDocument',
      summary: 'Where a document the authority published stands: delivered, opened',
      tag: 'Documents',
      scope: 'documents:read',
      object: 'decided',
      params: z.object({ id: z.uuid() }),
      responses: { 200: documentState },
      errors: [404],
      async handle({ actor, params }) {
        await allow(platform, actor, 'integration.readDocuments');
        // Another authority's document is as absent as one that does not exist.
        const document = await getDocumentOfAuthority(db, actor.authorityId, params.id);
        if (!document) throw notFound();
        return ok(stateOut(document, await deliveryStateOf(db, document)));
      },
    }),
  ];
}

function stateOut(
  document: Awaited<ReturnType<typeof getDocumentOfAuthority>> & object,
  state: Awaited<ReturnType<typeof deliveryStateOf>>,
) {
  return {
    id: document.id,
    title: document.title,
    category: document.category,
    accountId: document.account_id,
    requestId: document.request_id,
    sha256: document.sha256,
    status: state.status,
    deliveredAt: state.deliveredAt.toISOString(),
    openedAt: state.openedAt?.toISOString() ?? null,
    postedAt: state.postedAt?.toISOString() ?? null,
  };
}
