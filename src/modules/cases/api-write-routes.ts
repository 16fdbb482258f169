import { z } from 'zod';
import type { ApiClientActor } from '../../platform/http/access.ts';
import { apiRoute, created, ok } from '../../platform/http/api/api-route.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { acceptBase64File } from '../../platform/uploads/index.ts';
import { maxDocumentBytes, oneDocumentBodyBytes, publishDocument, vaultOf } from '../documents/index.ts';
import { issuingContextOf } from '../signing/index.ts';
import { apiActorName, apiCase } from './api-case.ts';
import { attachedFile, expectedVersion, requestSummary, summaryOf } from './api-schemas.ts';
import { addEvent, type Case, type CaseActor, RequestChangedError } from './cases.ts';
import { decideRequest } from './decide-request.ts';
import { getCaseOfAuthority } from './get-case.ts';
import { moveTo } from './move-request.ts';
import { actionStatuses } from './workflow.ts';
import { workflowFor } from './workflow-store.ts';

const idParams = z.object({ id: z.uuid() });
/** A file in base64 takes a third more than its bytes. */
const fileBodyBytes = Math.ceil((oneDocumentBodyBytes * 4) / 3);

/** The answer after a change: the request as it is now. */
async function current(platform: Platform, actor: ApiClientActor, item: Case) {
  return ok(summaryOf((await getCaseOfAuthority(platform.db, actor.authorityId, item.id)) ?? item));
}

/** Moves made through the API: the same domain functions as the back office's, in the application's name. */
export function apiWriteRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const caseActor = async (actor: ApiClientActor): Promise<CaseActor> => ({
    ref: `api:${actor.id}`,
    name: await apiActorName(db, actor),
  });
  const changing = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof RequestChangedError)
        throw new HttpError(409, 'conflict', 'the request changed since the version given; read it again');
      throw error;
    }
  };
  const idempotencyScope = (c: RouteContext, actor: ApiClientActor) =>
    `api:${actor.id}:${c.req.header('Idempotency-Key') ?? ''}`;
  return [
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/requests/:id/status',
      operationId: 'changeRequestStatus',
      summary: 'Moves a request along its workflow (only a transition the workflow has from its status)',
      tag: 'Requests',
      scope: 'requests:write',
      object: 'decided',
      params: idParams,
      body: z.object({ status: z.string().min(1).max(100), version: expectedVersion }),
      responses: { 200: requestSummary },
      errors: [404, 409, 422],
      async handle({ actor, params, body }) {
        const item = await apiCase(db, actor, params.id, 'request.changeThroughApi');
        const workflow = await workflowFor(db, item.form_id);
        if (!workflow.transitions.some((t) => t.from === item.status && t.to === body.status))
          throw new HttpError(
            422,
            'transition_not_allowed',
            `no transition from ${item.status} to ${body.status}`,
          );
        await changing(async () =>
          moveTo(
            db,
            item,
            await caseActor(actor),
            body.status,
            { kind: 'status' },
            body.version ?? item.version,
          ),
        );
        return current(platform, actor, item);
      },
    }),
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/requests/:id/complement',
      operationId: 'askForComplement',
      summary: 'Asks the requester for a complement (the request waits for their answer)',
      tag: 'Requests',
      scope: 'requests:write',
      object: 'decided',
      params: idParams,
      body: z.object({ text: z.string().trim().min(1).max(5000), version: expectedVersion }),
      responses: { 200: requestSummary },
      errors: [404, 409],
      async handle({ actor, params, body }) {
        const item = await apiCase(db, actor, params.id, 'request.changeThroughApi');
        await changing(async () =>
          moveTo(
            db,
            item,
            await caseActor(actor),
            actionStatuses.complement,
            { kind: 'complement', text: body.text },
            body.version ?? item.version,
          ),
        );
        return current(platform, actor, item);
      },
    }),
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/requests/:id/decision',
      operationId: 'decideRequest',
      summary:
        'Decides a request: the decision goes into the requester’s documents, the request to its outcome',
      tag: 'Requests',
      scope: 'requests:write',
      object: 'decided',
      maxBodyBytes: fileBodyBytes,
      params: idParams,
      body: z.object({
        outcome: z.enum(['granted', 'refused']),
        file: attachedFile,
        version: expectedVersion,
      }),
      responses: { 200: requestSummary },
      errors: [404, 409, 413, 422],
      async handle({ actor, params, body, c }) {
        const item = await apiCase(db, actor, params.id, 'request.changeThroughApi');
        const upload = await acceptBase64File(c, body.file, { maxBytes: maxDocumentBytes });
        // A decision is published with the move: it cannot wait in quarantine for a scanner that is down.
        if (upload.scan === 'pending')
          throw new HttpError(
            409,
            'scan_pending',
            'the malware scanner cannot be reached: send the decision again later',
          );
        await changing(async () =>
          decideRequest(await issuingContextOf(platform), {
            item,
            seenVersion: body.version ?? item.version,
            actor: await caseActor(actor),
            outcome: body.outcome,
            file: { name: upload.name, bytes: upload.bytes },
          }),
        );
        return current(platform, actor, item);
      },
    }),
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/requests/:id/messages',
      operationId: 'sendRequestMessage',
      summary: 'Writes to the requester on the request, optionally with a document (into their documents)',
      tag: 'Requests',
      scope: 'requests:write',
      object: 'decided',
      maxBodyBytes: fileBodyBytes,
      params: idParams,
      body: z.object({
        text: z.string().trim().min(1).max(5000),
        document: attachedFile.extend({ title: z.string().min(1).max(200) }).optional(),
      }),
      responses: { 201: z.object({ documentId: z.uuid().nullable() }) },
      errors: [404, 413, 422],
      async handle({ actor, params, body, c }) {
        const item = await apiCase(db, actor, params.id, 'request.changeThroughApi');
        const by = await caseActor(actor);
        let documentId: string | null = null;
        if (body.document) {
          const upload = await acceptBase64File(c, body.document, { maxBytes: maxDocumentBytes });
          const published = await publishDocument(await vaultOf(platform), {
            accountId: item.account_id,
            authorityId: item.authority_id,
            title: `${item.reference} – ${body.document.title}`.slice(0, 200),
            category: 'correspondence',
            theme: null,
            message: null,
            requestId: item.id,
            requestReference: item.reference,
            filename: upload.name,
            bytes: upload.bytes,
            quarantined: upload.scan === 'pending',
            idempotencyKey: idempotencyScope(c, actor),
            publishedBy: by.ref,
            announce: false,
          });
          documentId = published.document.id;
        }
        await addEvent(
          db,
          item,
          by,
          {
            kind: 'message',
            text: body.text,
            internal: false,
            ...(documentId && { document_id: documentId }),
          },
          true,
        );
        return created({ documentId });
      },
    }),
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/requests/:id/documents',
      operationId: 'addRequestDocument',
      summary: 'Adds a document to a request: it goes into the requester’s documents, linked to the request',
      tag: 'Requests',
      scope: 'requests:write',
      object: 'decided',
      maxBodyBytes: fileBodyBytes,
      params: idParams,
      body: attachedFile.extend({
        title: z.string().min(1).max(200),
        category: z.enum(['decision', 'certificate', 'invoice', 'correspondence']).default('correspondence'),
      }),
      responses: { 201: z.object({ documentId: z.uuid() }) },
      errors: [404, 413, 422],
      async handle({ actor, params, body, c }) {
        const item = await apiCase(db, actor, params.id, 'request.changeThroughApi');
        const upload = await acceptBase64File(c, body, { maxBytes: maxDocumentBytes });
        const published = await publishDocument(await vaultOf(platform), {
          accountId: item.account_id,
          authorityId: item.authority_id,
          title: body.title,
          category: body.category,
          theme: null,
          message: null,
          requestId: item.id,
          requestReference: item.reference,
          filename: upload.name,
          bytes: upload.bytes,
          quarantined: upload.scan === 'pending',
          idempotencyKey: idempotencyScope(c, actor),
          publishedBy: `api:${actor.id}`,
        });
        return created({ documentId: published.document.id });
      },
    }),
  ];
}
