import type { Db } from '../../platform/database/database.ts';
import { documentPdf, titleOf } from './documents.ts';
import { callGuichet, type GuichetApi } from './guichet-api.ts';
import { settingsOf, taxpayerKey, taxpayerOf, taxSystem } from './store.ts';

export const webhookPath = '/simulators/tax-system/webhooks';
/** How long the tax office takes to find older documents in its archive (seconds in the demo). */
export const archiveDelayMs = 3000;
/** The statuses of the older-documents workflow the tax system moves a request to. */
export const olderStatuses = { searching: 'in_progress', sent: 'documents_sent' } as const;

/** Hands the tax system the key the tax office's IT created for it and its older-documents form. */
export async function provisionTaxSystem(db: Db, input: { apiKey: string; formId: string }): Promise<void> {
  await taxSystem(db)
    .insertInto('simulator_tax_settings')
    .values({ id: 1, api_key: input.apiKey, form_id: input.formId })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export const isTaxSystemProvisioned = async (db: Db) => (await settingsOf(db)) !== undefined;

/** Subscribes the tax system to its older-documents requests through Guichet's API, once per address. */
export async function connectTaxSystem(db: Db, guichetUrl: string): Promise<boolean> {
  const settings = await settingsOf(db);
  if (!settings) return false;
  if (settings.endpoint_id && settings.guichet_url === guichetUrl) return true;
  const endpoint = await callGuichet(guichetUrl, settings.api_key, '/api/v1/webhook-endpoints', {
    method: 'POST',
    idempotencyKey: `tax-system-subscribe-${settings.form_id}-${guichetUrl}`,
    body: {
      url: `${guichetUrl}${webhookPath}`,
      events: ['request.submitted'],
      formIds: [settings.form_id],
      description: 'Système fiscal cantonal (simulateur) : documents plus anciens',
    },
  });
  await taxSystem(db)
    .updateTable('simulator_tax_settings')
    .set({
      guichet_url: guichetUrl,
      endpoint_id: String(endpoint.id),
      webhook_secret: String(endpoint.secret),
    })
    .where('id', '=', 1)
    .execute();
  return true;
}

async function apiOf(db: Db): Promise<GuichetApi | undefined> {
  const settings = await settingsOf(db);
  if (!settings?.guichet_url) return undefined;
  return (path, init) => callGuichet(settings.guichet_url ?? '', settings.api_key, path, init);
}

interface Submitted {
  type: string;
  data: { request?: { id?: string; formId?: string } };
}

/**
 * A request for older documents: the tax system reads which years through the API, says it is
 * searching, and publishes the documents once found in its archive (`publishFoundDocuments`).
 */
export async function receiveOlderDocumentsRequest(db: Db, event: Submitted): Promise<void> {
  const settings = await settingsOf(db);
  const request = event.data.request;
  const api = await apiOf(db);
  if (event.type !== 'request.submitted' || !api || !request?.id || request.formId !== settings?.form_id)
    return;
  const detail = await api(`/api/v1/requests/${request.id}`);
  const holder = detail.onBehalfOf as { avs: string | null; uid: string | null };
  const answers = detail.answers as { years?: string[] };
  const taxpayer = await taxpayerOf(db, holder.uid ?? holder.avs ?? '');
  const years = (answers.years ?? []).map(Number).filter(Number.isInteger);
  await api(`/api/v1/requests/${request.id}/status`, {
    method: 'POST',
    idempotencyKey: `tax-system-searching-${request.id}`,
    body: { status: olderStatuses.searching },
  });
  await taxSystem(db)
    .insertInto('simulator_tax_older_requests')
    .values({
      request_id: request.id,
      taxpayer_key: taxpayer?.key ?? taxpayerKey(holder.uid ?? holder.avs ?? ''),
      years,
      received_at: new Date(),
      publish_after: new Date(Date.now() + archiveDelayMs),
      published_at: null,
    })
    .onConflict((oc) => oc.column('request_id').doNothing())
    .execute();
  setTimeout(() => void publishFoundDocuments(db).catch(() => undefined), archiveDelayMs + 100).unref();
}

/**
 * Publishes the documents of every request whose archive search is done into the requester's
 * documents through Guichet's publication API, then closes the request; a document published before
 * a failure is not published twice (its idempotency key).
 */
export async function publishFoundDocuments(db: Db): Promise<void> {
  const api = await apiOf(db);
  if (!api) return;
  const due = await taxSystem(db)
    .selectFrom('simulator_tax_older_requests')
    .selectAll()
    .where('published_at', 'is', null)
    .where('publish_after', '<=', new Date())
    .execute();
  for (const request of due) {
    const taxpayer = await taxpayerOf(db, request.taxpayer_key);
    if (taxpayer) {
      const documents = await taxSystem(db)
        .selectFrom('simulator_tax_documents')
        .selectAll()
        .where('taxpayer_key', '=', taxpayer.key)
        .where('tax_year', 'in', request.years.length > 0 ? request.years : [-1])
        .orderBy('tax_year')
        .execute();
      for (const document of documents)
        await api('/api/v1/documents', {
          method: 'POST',
          idempotencyKey: `tax-system-older-${request.request_id}-${document.id}`,
          body: {
            recipient: taxpayer.kind === 'company' ? { uid: taxpayer.key } : { avs: taxpayer.key },
            title: titleOf(document, taxpayer.language),
            category: 'tax',
            theme: 'tax',
            message: null,
            filename: `${document.id}.pdf`,
            contentBase64: (await documentPdf(taxpayer, document)).toString('base64'),
          },
        });
    }
    await api(`/api/v1/requests/${request.request_id}/status`, {
      method: 'POST',
      idempotencyKey: `tax-system-sent-${request.request_id}`,
      body: { status: olderStatuses.sent },
    });
    await taxSystem(db)
      .updateTable('simulator_tax_older_requests')
      .set({ published_at: new Date() })
      .where('request_id', '=', request.request_id)
      .execute();
  }
}
