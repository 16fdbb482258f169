import { z } from 'zod';
import type { Case } from './cases.ts';

const uuid = z.uuid();
const timestamp = z.iso.datetime({ offset: true });

/** A request as a list shows it: no answers and no personal data, so a list is no read of a person. */
export const requestSummary = z.object({
  id: uuid,
  reference: z.string(),
  status: z.string().describe('The status in the service’s workflow, e.g. `submitted`, `in_progress`.'),
  version: z
    .number()
    .int()
    .describe('One more on every status change; give it back to move only what you saw.'),
  submittedAt: timestamp,
  statusChangedAt: timestamp,
  dueAt: timestamp,
  form: z.object({ id: z.string(), version: z.number().int() }),
  accountId: uuid,
});

/** A request in full: who made it, for whom, and the answers. Reading it is in the requester's access log. */
export const requestDetail = requestSummary.extend({
  levelOfAssurance: z.string(),
  onBehalfOf: z.object({
    accountId: uuid,
    name: z.string(),
    kind: z.enum(['personal', 'professional']),
    avs: z.string().nullable().describe('The holder’s AVS number, for a personal account.'),
    uid: z.string().nullable().describe('The organisation’s UID, for a professional account.'),
  }),
  actedBy: z.object({
    personId: uuid,
    name: z.string(),
    avs: z.string().nullable(),
    language: z.string().nullable().describe('The language the person reads Guichet in.'),
  }),
  mandate: z.object({ id: uuid }).nullable(),
  answers: z.record(z.string(), z.unknown()),
});

export const summaryOf = (item: Case): z.input<typeof requestSummary> => ({
  id: item.id,
  reference: item.reference,
  status: item.status,
  version: item.version,
  submittedAt: item.created_at.toISOString(),
  statusChangedAt: item.status_changed_at.toISOString(),
  dueAt: item.due_at.toISOString(),
  form: { id: item.form_id, version: item.form_version },
  accountId: item.account_id,
});

/** A file sent with a JSON body. */
export const attachedFile = z.object({
  filename: z.string().min(1).max(200),
  contentBase64: z.base64().describe('The file’s bytes in base64: PDF, PNG or JPEG, at most 20 MB.'),
});

export const expectedVersion = z
  .number()
  .int()
  .optional()
  .describe('The `version` you saw: when the request has moved on since, nothing is done (409).');

export const caseMessage = z.object({
  id: uuid,
  at: timestamp,
  author: z.string().describe('Who wrote it: a clerk, the requester, or an application (API).'),
  text: z.string(),
  documentId: uuid.nullable(),
});
