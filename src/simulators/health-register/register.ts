import { randomBytes } from 'node:crypto';
import type { Db } from '../../platform/database/database.ts';
import { applyChange, type ChangeRow } from './apply-change.ts';
import { callGuichet } from './guichet-api.ts';
import { recordAuthorisation } from './record-authorisation.ts';
import { professionalByGln, register, settingsOf } from './store.ts';

/** Where the register receives Guichet's events, under Guichet's own address in the demo. */
export const webhookPath = '/simulators/health-register/webhooks';

/**
 * Subscribes the register to the status changes of the health service's two procedures through
 * Guichet's API (as the canton's IT would, once), keeping the signing secret Guichet answers. Nothing
 * to do when already subscribed at this address; returns whether the register is connected.
 */
export async function connectHealthRegister(db: Db, guichetUrl: string): Promise<boolean> {
  const settings = await settingsOf(db);
  if (!settings) return false;
  if (settings.endpoint_id && settings.guichet_url === guichetUrl) return true;
  const endpoint = await callGuichet(guichetUrl, settings.api_key, '/api/v1/webhook-endpoints', {
    method: 'POST',
    idempotencyKey: `health-register-subscribe-${settings.change_form_id}-${guichetUrl}`,
    body: {
      url: `${guichetUrl}${webhookPath}`,
      events: ['request.status_changed'],
      formIds: [settings.change_form_id, settings.authorisation_form_id],
      description: 'Registre des professionnels de la santé (simulateur)',
    },
  });
  await register(db)
    .updateTable('simulator_health_register_settings')
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
 * Hands the register the key the health service created for it and the two forms it follows, and
 * makes the token Guichet reads entries with (returned, for the service's side of the connection).
 */
export async function provisionHealthRegister(
  db: Db,
  input: { apiKey: string; changeFormId: string; authorisationFormId: string },
): Promise<string> {
  await register(db)
    .insertInto('simulator_health_register_settings')
    .values({
      id: 1,
      api_key: input.apiKey,
      read_token: `hr_${randomBytes(24).toString('base64url')}`,
      change_form_id: input.changeFormId,
      authorisation_form_id: input.authorisationFormId,
      guichet_url: null,
      endpoint_id: null,
      webhook_secret: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return (await settingsOf(db))?.read_token ?? '';
}

interface StatusChanged {
  type: string;
  data: { request?: { id?: string; reference?: string; formId?: string; status?: string } };
}

interface RequestRead {
  reference?: string;
  onBehalfOf?: { kind?: string };
  actedBy?: { avs?: string | null };
  answers?: Record<string, unknown>;
}

const labels: Record<string, string> = {
  address: 'adresse du cabinet',
  phone: 'téléphone',
  email: 'courriel',
  languages: 'langues',
  newSite: 'nouveau lieu de pratique',
};

/**
 * What the register does with a verified event: an announcement the health service accepted is
 * written to the entry it names (a professional only by the person the entry belongs to, an
 * institution only from an organisation's account), an authorisation granted is recorded; the
 * requester is told on the request through the API. Done again on a repeated delivery, it changes
 * nothing more and the idempotency key makes the same message once.
 */
export async function handleEvent(db: Db, event: StatusChanged): Promise<void> {
  const settings = await settingsOf(db);
  const { id, formId, status } = event.data.request ?? {};
  if (event.type !== 'request.status_changed' || !settings?.guichet_url || !id) return;
  const api = (path: string, init?: Parameters<typeof callGuichet>[3]) =>
    callGuichet(settings.guichet_url ?? '', settings.api_key, path, init);
  const tell = (key: string, text: string) =>
    api(`/api/v1/requests/${id}/messages`, {
      method: 'POST',
      idempotencyKey: `health-register-${key}-${id}`,
      body: { text },
    });
  if (formId === settings.change_form_id && status === 'accepted') {
    const request = (await api(`/api/v1/requests/${id}`)) as RequestRead;
    const answers = request.answers ?? {};
    const target = await targetOf(db, request, answers);
    const rows = Array.isArray(answers.changes) ? (answers.changes as ChangeRow[]) : [];
    const outcome =
      target && (await applyChange(db, target, { id, reference: String(request.reference ?? '') }, rows));
    if (!outcome) {
      await tell(
        'unknown',
        'Registre des professionnels de la santé : aucune inscription ne correspond à cette annonce.',
      );
      return;
    }
    const applied = outcome.applied.map((item) => labels[item] ?? item);
    const refused = outcome.refused.map((item) => labels[item] ?? item);
    await tell(
      'applied',
      `Registre des professionnels de la santé : ${applied.length > 0 ? `modifié (${applied.join(', ')})` : 'aucune modification'}.${
        refused.length > 0 ? ` Non inscrit, à annoncer à nouveau : ${refused.join(', ')}.` : ''
      }`,
    );
  } else if (
    formId === settings.authorisation_form_id &&
    (status === 'granted' || status === 'billing_authorised')
  ) {
    const request = (await api(`/api/v1/requests/${id}`)) as RequestRead;
    const kind = status === 'granted' ? 'practice' : 'billing';
    const gln = await recordAuthorisation(db, kind, {
      id,
      reference: String(request.reference ?? ''),
      avs: request.actedBy?.avs ?? null,
      answers: request.answers ?? {},
    });
    if (gln)
      await tell(
        kind,
        kind === 'practice'
          ? `Registre des professionnels de la santé : autorisation de pratiquer inscrite (GLN ${gln}).`
          : `Registre des professionnels de la santé : autorisation de facturer à l’assurance obligatoire des soins inscrite (GLN ${gln}).`,
      );
  }
}

/** The entry an announcement may change: the requester's own (by AVS) or their organisation's (by UID). */
async function targetOf(
  db: Db,
  request: RequestRead,
  answers: Record<string, unknown>,
): Promise<{ kind: 'gln' | 'uid'; id: string } | undefined> {
  if (typeof answers.uid === 'string' && answers.uid && request.onBehalfOf?.kind === 'professional')
    return { kind: 'uid', id: answers.uid.replace(/[^A-Z0-9]/g, '') };
  const gln = typeof answers.gln === 'string' ? answers.gln : '';
  const entry = gln ? await professionalByGln(db, gln) : undefined;
  return entry?.avs && entry.avs === request.actedBy?.avs ? { kind: 'gln', id: gln } : undefined;
}

export const isProvisioned = async (db: Db) => (await settingsOf(db)) !== undefined;
