import type { Db } from '../../platform/database/database.ts';
import { erp, registerDogs, settingsOf } from './store.ts';

/** Where the ERP receives Guichet's events, under Guichet's own address in the demo. */
export const webhookPath = '/simulators/communal-erp/webhooks';

/** A call to Guichet's API with the ERP's key; an answer other than 2xx is an error (retried by Guichet). */
async function callApi(
  guichetUrl: string,
  apiKey: string,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; idempotencyKey?: string } = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${guichetUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(init.body !== undefined && { 'content-type': 'application/json' }),
      ...(init.idempotencyKey && { 'idempotency-key': init.idempotencyKey }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Guichet answered ${response.status} to ${path}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Subscribes the ERP to the dog registrations of its commune through Guichet's API (as Sion's IT
 * would, once), keeping the signing secret Guichet answers. Nothing to do when already subscribed
 * at this address; returns whether the ERP is connected.
 */
export async function connectCommunalErp(db: Db, guichetUrl: string): Promise<boolean> {
  const settings = await settingsOf(db);
  if (!settings) return false;
  if (settings.endpoint_id && settings.guichet_url === guichetUrl) return true;
  const endpoint = await callApi(guichetUrl, settings.api_key, '/api/v1/webhook-endpoints', {
    method: 'POST',
    idempotencyKey: `erp-subscribe-${settings.form_id}-${guichetUrl}`,
    body: {
      url: `${guichetUrl}${webhookPath}`,
      events: ['request.submitted'],
      formIds: [settings.form_id],
      description: 'ERP communal de Sion (simulateur) : registre des chiens',
    },
  });
  await erp(db)
    .updateTable('simulator_erp_settings')
    .set({
      guichet_url: guichetUrl,
      endpoint_id: String(endpoint.id),
      webhook_secret: String(endpoint.secret),
    })
    .where('id', '=', 1)
    .execute();
  return true;
}

interface RequestSubmitted {
  type: string;
  data: { request?: { id?: string; formId?: string } };
}

/**
 * What the ERP does with a verified event: a new dog registration of its form gets a tag number per
 * dog, answered to the requester on the request itself through the API. Done again on a repeated
 * delivery, it gives the same tags and the idempotency key makes the same message once.
 */
export async function handleEvent(db: Db, event: RequestSubmitted): Promise<void> {
  const settings = await settingsOf(db);
  const requestId = event.data.request?.id;
  if (event.type !== 'request.submitted' || !settings?.guichet_url || !requestId) return;
  if (event.data.request?.formId !== settings.form_id) return;
  const request = await callApi(settings.guichet_url, settings.api_key, `/api/v1/requests/${requestId}`);
  const answers = (request.answers ?? {}) as Record<string, unknown>;
  const rows = Array.isArray(answers[settings.dogs_field]) ? (answers[settings.dogs_field] as unknown[]) : [];
  const names = rows.map((dog, i) => {
    const name = (dog as Record<string, unknown> | null)?.[settings.name_field];
    return (typeof name === 'string' && name.trim()) || `Chien ${i + 1}`;
  });
  const keeper = String((request.onBehalfOf as { name?: string } | undefined)?.name ?? '');
  const registered = await registerDogs(db, {
    id: requestId,
    reference: String(request.reference ?? ''),
    keeper,
    dogNames: names.length > 0 ? names : ['Chien 1'],
  });
  const lines = registered.map((dog) => `${dog.dog_name} : médaille n° ${dog.tag}`);
  await callApi(settings.guichet_url, settings.api_key, `/api/v1/requests/${requestId}/messages`, {
    method: 'POST',
    idempotencyKey: `erp-tags-${requestId}`,
    body: {
      text: `Registre communal des chiens de Sion : ${lines.join(' ; ')}. La médaille vous sera envoyée par la poste.`,
    },
  });
  await erp(db)
    .updateTable('simulator_erp_dogs')
    .set({ answered_at: new Date() })
    .where('request_id', '=', requestId)
    .execute();
}

/** Hands the ERP the key Sion's IT created for it and the form it follows (the demo's seed does). */
export async function provisionCommunalErp(db: Db, input: { apiKey: string; formId: string }): Promise<void> {
  await erp(db)
    .insertInto('simulator_erp_settings')
    .values({
      id: 1,
      api_key: input.apiKey,
      form_id: input.formId,
      guichet_url: null,
      endpoint_id: null,
      webhook_secret: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * Points the ERP at another form of its commune (one a designer built), naming the answers that hold
 * the dogs: it subscribes again through the API at its next `connectCommunalErp`.
 */
export async function followForm(
  db: Db,
  input: { formId: string; dogsField: string; nameField: string },
): Promise<void> {
  await erp(db)
    .updateTable('simulator_erp_settings')
    .set({
      form_id: input.formId,
      dogs_field: input.dogsField,
      name_field: input.nameField,
      endpoint_id: null,
      guichet_url: null,
    })
    .where('id', '=', 1)
    .execute();
}

export const isProvisioned = async (db: Db) => (await settingsOf(db)) !== undefined;
