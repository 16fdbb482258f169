import type { Db } from '../../platform/database/database.ts';
import { type ExtractLanguage, extractContent } from './extract-content.ts';
import { callGuichet, type GuichetApi } from './guichet-api.ts';
import { type Finding, type Subject, searchRegister } from './search.ts';
import { allDebtors, proceedingsOf, recordExtract, register, settingsOf } from './store.ts';

/** Where the register receives Guichet's events, under Guichet's own address in the demo. */
export const webhookPath = '/simulators/debt-register/webhooks';

/**
 * The statuses of the extract's workflow the register knows (the service's designer named them):
 * the fee paid moves a request from `awaiting_fee` to `submitted`; an ambiguous match goes to
 * `manual_check`, from which an agent decides whether the homonym's entries are the requester's.
 */
export const statuses = {
  awaitingFee: 'awaiting_fee',
  paid: 'submitted',
  manualCheck: 'manual_check',
  homonymExcluded: 'homonym_excluded',
  homonymConfirmed: 'homonym_confirmed',
} as const;

interface StatusChanged {
  type: string;
  data: { request?: { id?: string; formId?: string; status?: string }; previousStatus?: string };
}

interface RequestDetail {
  reference: string;
  version: number;
  onBehalfOf: { kind: 'personal' | 'professional'; name: string; avs: string | null; uid: string | null };
  actedBy: { avs: string | null; language: string | null };
}

/** Hands the register the key the office's IT created for it and the form it answers (the demo's seed). */
export async function provisionDebtRegister(
  db: Db,
  input: { apiKey: string; formId: string },
): Promise<void> {
  await register(db)
    .insertInto('simulator_debt_settings')
    .values({ id: 1, api_key: input.apiKey, form_id: input.formId })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export const isDebtRegisterProvisioned = async (db: Db) => (await settingsOf(db)) !== undefined;

/**
 * Subscribes the register to the extract's status changes through Guichet's API, once per address,
 * keeping the signing secret Guichet answers; returns whether it is connected.
 */
export async function connectDebtRegister(db: Db, guichetUrl: string): Promise<boolean> {
  const settings = await settingsOf(db);
  if (!settings) return false;
  if (settings.endpoint_id && settings.guichet_url === guichetUrl) return true;
  const endpoint = await callGuichet(guichetUrl, settings.api_key, '/api/v1/webhook-endpoints', {
    method: 'POST',
    idempotencyKey: `debt-register-subscribe-${settings.form_id}-${guichetUrl}`,
    body: {
      url: `${guichetUrl}${webhookPath}`,
      events: ['request.status_changed'],
      formIds: [settings.form_id],
      description: 'Registre des poursuites (simulateur) : extraits',
    },
  });
  await register(db)
    .updateTable('simulator_debt_settings')
    .set({
      guichet_url: guichetUrl,
      endpoint_id: String(endpoint.id),
      webhook_secret: String(endpoint.secret),
    })
    .where('id', '=', 1)
    .execute();
  return true;
}

/**
 * What the register does with a verified event of its form: a fee just paid starts the search; an
 * agent's decision on a homonym ends it. A clear case is issued at once, an ambiguous one waits for
 * the agent. Done again on a repeated delivery, the idempotency keys make each answer once.
 */
export async function handleDebtEvent(db: Db, event: StatusChanged): Promise<void> {
  const settings = await settingsOf(db);
  const request = event.data.request;
  if (event.type !== 'request.status_changed' || !settings?.guichet_url || !request?.id) return;
  if (request.formId !== settings.form_id) return;
  const api: GuichetApi = (path, init) =>
    callGuichet(settings.guichet_url ?? '', settings.api_key, path, init);
  const paid = request.status === statuses.paid && event.data.previousStatus === statuses.awaitingFee;
  const decided = request.status === statuses.homonymExcluded || request.status === statuses.homonymConfirmed;
  if (!paid && !decided) return;
  const detail = (await api(`/api/v1/requests/${request.id}`)) as unknown as RequestDetail;
  const subject = await lookUpSubject(api, detail);
  const finding = searchRegister(await allDebtors(db), subject);
  if (paid && finding.homonyms.length > 0) {
    await api(`/api/v1/requests/${request.id}/status`, {
      method: 'POST',
      idempotencyKey: `debt-register-check-${request.id}`,
      body: { status: statuses.manualCheck, version: detail.version },
    });
    await recordExtract(db, { requestId: request.id, reference: detail.reference, outcome: 'ambiguous' });
    return;
  }
  const theirs =
    request.status === statuses.homonymConfirmed ? [...finding.sure, ...finding.homonyms] : finding.sure;
  await issueDebtExtract(db, api, {
    requestId: request.id,
    detail,
    subject,
    debtorIds: theirs,
    language: detail.actedBy.language === 'de' ? 'de' : 'fr',
  });
}

/** The requester's identity as Guichet knows it, looked up through the API (in their access log). */
async function lookUpSubject(api: GuichetApi, detail: RequestDetail): Promise<Subject> {
  if (detail.onBehalfOf.kind === 'professional' && detail.onBehalfOf.uid) {
    const organisation = await api(`/api/v1/organisations?uid=${encodeURIComponent(detail.onBehalfOf.uid)}`);
    return {
      kind: 'organisation',
      uid: String(organisation.uid),
      name: String(organisation.name),
      seat: String(organisation.seat),
    };
  }
  const avs = detail.onBehalfOf.avs ?? detail.actedBy.avs ?? '';
  const person = await api(`/api/v1/persons?avs=${encodeURIComponent(avs)}`);
  return {
    kind: 'person',
    avs,
    name: `${person.givenNames} ${person.familyName}`,
    dateOfBirth: (person.dateOfBirth as string | null) ?? null,
  };
}

/**
 * Issues the debt-collection extract: the register's findings, worded in its layout, sent to Guichet's
 * issuing API, which seals it with a verification QR code into the requester's documents and decides
 * the request. The one place an extract is issued (an e-ID credential would be issued beside it).
 */
export async function issueDebtExtract(
  db: Db,
  api: GuichetApi,
  input: {
    requestId: string;
    detail: RequestDetail;
    subject: Subject;
    debtorIds: Finding['sure'];
    language: ExtractLanguage;
  },
): Promise<string> {
  const proceedings = await proceedingsOf(db, input.debtorIds);
  const issued = await api(`/api/v1/requests/${input.requestId}/issued-documents`, {
    method: 'POST',
    idempotencyKey: `debt-register-extract-${input.requestId}`,
    body: extractContent(input.subject, proceedings, input.language),
  });
  const serial = String(issued.serial);
  await recordExtract(db, {
    requestId: input.requestId,
    reference: input.detail.reference,
    outcome: proceedings.length > 0 ? 'entries' : 'clear',
    serial,
  });
  return serial;
}
