import type { Db } from '../../platform/database/database.ts';
import type { RegisterLine } from './register-data.ts';
import { register, settingsOf } from './store.ts';

/** Where the register receives Guichet's events, under Guichet's own address in the demo. */
export const webhookPath = '/simulators/narcotics-register/webhooks';

/** A call to Guichet's API with the register's key; an answer other than 2xx is an error. */
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
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Guichet answered ${response.status} to ${path}: ${text.slice(0, 300)}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * Connects the register to Guichet, as the health service's IT would once: subscribes to the filed
 * statements, then hands in the months it received before the portal so that Guichet's controls see
 * them (each once: the idempotency key and Guichet's "already known" make a second run harmless).
 */
export async function connectNarcoticsRegister(db: Db, guichetUrl: string): Promise<boolean> {
  const settings = await settingsOf(db);
  if (!settings) return false;
  if (!(settings.endpoint_id && settings.guichet_url === guichetUrl)) {
    const endpoint = await callApi(guichetUrl, settings.api_key, '/api/v1/webhook-endpoints', {
      method: 'POST',
      idempotencyKey: `narcotics-register-subscribe-${guichetUrl}`,
      body: {
        url: `${guichetUrl}${webhookPath}`,
        events: ['narcotics.statement_filed'],
        description: 'Base de données cantonale des stupéfiants (simulateur)',
      },
    });
    await register(db)
      .updateTable('simulator_narcotics_settings')
      .set({
        guichet_url: guichetUrl,
        endpoint_id: String(endpoint.id),
        webhook_secret: String(endpoint.secret),
      })
      .where('id', '=', 1)
      .execute();
  }
  if (settings.history_sent_at && settings.guichet_url === guichetUrl) return true;
  const paper = await register(db)
    .selectFrom('simulator_narcotics_statements as s')
    .innerJoin('simulator_narcotics_pharmacies as p', 'p.uid', 's.pharmacy_uid')
    .select(['s.pharmacy_uid', 'p.name', 's.month', 's.lines'])
    .where('s.received_from', '=', 'paper')
    .execute();
  // Each month is recorded on its own (the controls read them together, later): sent side by side, and
  // all of them answered before the history counts as sent.
  const sent = await Promise.allSettled(
    paper.map((statement) =>
      callApi(guichetUrl, settings.api_key, '/api/v1/narcotics-statements', {
        method: 'POST',
        idempotencyKey: `narcotics-register-${statement.pharmacy_uid}-${statement.month}`,
        body: {
          month: statement.month,
          pharmacy: { uid: statement.pharmacy_uid, name: statement.name },
          lines: statement.lines,
        },
      }),
    ),
  );
  const failed = sent.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  await register(db)
    .updateTable('simulator_narcotics_settings')
    .set({ history_sent_at: new Date() })
    .where('id', '=', 1)
    .execute();
  return true;
}

interface StatementFiled {
  type: string;
  data: { statement?: { id?: string } };
}

/**
 * A statement filed in the portal: read through the API and kept as the pharmacy's month. Done again
 * on a repeated delivery, it writes the same month again.
 */
export async function handleEvent(db: Db, event: StatementFiled): Promise<void> {
  const settings = await settingsOf(db);
  const id = event.data.statement?.id;
  if (event.type !== 'narcotics.statement_filed' || !settings?.guichet_url || !id) return;
  const statement = await callApi(
    settings.guichet_url,
    settings.api_key,
    `/api/v1/narcotics-statements/${id}`,
  );
  const pharmacy = statement.pharmacy as { uid: string; name: string };
  await register(db)
    .insertInto('simulator_narcotics_pharmacies')
    .values({ uid: pharmacy.uid, name: pharmacy.name, town: '' })
    .onConflict((oc) => oc.column('uid').doNothing())
    .execute();
  const values = {
    lines: JSON.stringify(statement.lines as RegisterLine[]) as never,
    received_from: 'guichet' as const,
    guichet_id: id,
    signed_off_by: (statement.signedOffBy as string | null) ?? null,
    received_at: new Date(),
  };
  await register(db)
    .insertInto('simulator_narcotics_statements')
    .values({ pharmacy_uid: pharmacy.uid, month: String(statement.month), ...values })
    .onConflict((oc) => oc.columns(['pharmacy_uid', 'month']).doUpdateSet(values))
    .execute();
}

/** Hands the register the key the health service created for it (the demo's seed does). */
export async function provisionNarcoticsRegister(db: Db, input: { apiKey: string }): Promise<void> {
  await register(db)
    .insertInto('simulator_narcotics_settings')
    .values({
      id: 1,
      api_key: input.apiKey,
      guichet_url: null,
      endpoint_id: null,
      webhook_secret: null,
      history_sent_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export const isProvisioned = async (db: Db) => (await settingsOf(db)) !== undefined;
