import { z } from 'zod';
import { apiRoute, created } from '../../platform/http/api/api-route.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { getAccount } from '../accounts/index.ts';
import { getForm } from '../forms/index.ts';
import { can } from '../policy/index.ts';
import { issuedDocumentOfDocument, issuingContextOf } from '../signing/index.ts';
import { apiActorName, apiCase } from './api-case.ts';
import { expectedVersion, requestSummary, summaryOf } from './api-schemas.ts';
import { listEvents, RequestChangedError } from './cases.ts';
import { decideRequest } from './decide-request.ts';
import { getCaseOfAuthority } from './get-case.ts';
import { actionStatuses } from './workflow.ts';
import { workflowFor } from './workflow-store.ts';

const idParams = z.object({ id: z.uuid() });
/** Where each kind lands in the requester's documents, and so how long it is kept. */
const filedAs = { extract: 'extract', decision: 'decision', authorisation: 'certificate' } as const;
const decidedStatuses: string[] = [actionStatuses.granted, actionStatuses.refused, actionStatuses.withdrawn];
const short = (max: number) => z.string().trim().min(1).max(max);

/** What the business application words; Guichet lays it out, seals it and signs its QR code. */
export const issuedDocumentBody = z.object({
  type: z.enum(['extract', 'decision', 'authorisation']).describe('What kind of document it is.'),
  outcome: z.enum(['granted', 'refused']).describe('The request’s outcome, which the document decides.'),
  language: z.enum(['fr', 'de', 'en']).describe('The language the document is written in.'),
  title: short(200),
  paragraphs: z.array(short(3000)).max(20).describe('Running text, one paragraph each.'),
  sections: z
    .array(
      z.object({
        heading: short(200).optional(),
        fields: z.array(z.object({ label: short(200), value: z.string().max(1000) })).max(60),
      }),
    )
    .max(20)
    .describe('Labelled values in groups, e.g. the proceedings an extract lists.'),
  verifierFields: z
    .object({ n: short(120).optional(), b: z.iso.date().optional(), o: short(120).optional() })
    .describe(
      'Signed in the QR code for a verifier to compare with the paper: n name, b date of birth, o outcome. The request’s reference is added.',
    ),
  validUntil: z.iso.date().optional(),
  version: expectedVersion,
});

/**
 * Issuing a structured document for a request: the authority's application sends the words, Guichet
 * lays them out in the requester's documents, sealed with the authority's seal and with a
 * verification QR code (`issueDocument`), and the request is decided with it — one transaction.
 */
export function apiIssueRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    apiRoute(db, {
      method: 'POST',
      path: '/api/v1/requests/:id/issued-documents',
      operationId: 'issueRequestDocument',
      summary: 'Issues a sealed document with a verification QR code as the request’s decision',
      description:
        'The document is laid out by Guichet from the structured content, sealed (PAdES) by a job moments later, recorded in the issuance register (revocable) and delivered with a notification. The request moves to its outcome.',
      tag: 'Requests',
      scope: 'documents:issue',
      object: 'decided',
      params: idParams,
      body: issuedDocumentBody,
      responses: {
        201: z.object({ documentId: z.uuid(), serial: z.string(), request: requestSummary }),
      },
      errors: [404, 409],
      async handle({ actor, params, body }) {
        const item = await apiCase(db, actor, params.id, 'request.changeThroughApi');
        // A request is decided once: its decision document is the one its requester already holds.
        if (
          decidedStatuses.includes(item.status) ||
          (await workflowFor(db, item.form_id)).statuses[item.status]?.final
        )
          throw new HttpError(409, 'already_decided', 'the request is decided or closed already');
        const allowed = await can(db, actor, 'integration.issueDocuments', {
          type: 'authority',
          authorityId: item.authority_id,
        });
        if (!allowed.allowed) throw new HttpError(403, 'forbidden');
        const account = await getAccount(db, item.account_id);
        const name = account?.name ?? '';
        try {
          await decideRequest(await issuingContextOf(platform), {
            item,
            seenVersion: body.version ?? item.version,
            actor: { ref: `api:${actor.id}`, name: await apiActorName(db, actor) },
            outcome: body.outcome,
            category: filedAs[body.type],
            letter: {
              type: body.type,
              authorityId: item.authority_id,
              accountId: item.account_id,
              subject: { kind: account?.kind === 'professional' ? 'organisation' : 'person', name },
              language: body.language,
              content: {
                title: body.title,
                recipient: name,
                paragraphs: body.paragraphs,
                sections: body.sections,
              },
              verifierFields: { ...body.verifierFields, r: item.reference },
              validUntil: body.validUntil ? new Date(`${body.validUntil}T23:59:59Z`) : null,
              requestId: item.id,
              requestReference: item.reference,
              filename: `${item.reference}-${body.type}.pdf`,
              // A representative who asked it under a mandate on the service's theme sees it too.
              theme: (await getForm(db, item.form_id))?.theme ?? null,
            },
          });
        } catch (error) {
          if (error instanceof RequestChangedError)
            throw new HttpError(
              409,
              'conflict',
              'the request changed since the version given; read it again',
            );
          throw error;
        }
        const decision = (await listEvents(db, item.id, true)).findLast((e) => e.kind === 'decision');
        const issued = decision?.document_id
          ? await issuedDocumentOfDocument(db, decision.document_id)
          : undefined;
        if (!issued) throw new Error(`The decision of ${item.id} issued no document`);
        const now = await getCaseOfAuthority(db, actor.authorityId, item.id);
        return created({
          documentId: issued.documentId,
          serial: issued.serial,
          request: summaryOf(now ?? item),
        });
      },
    }),
  ];
}
