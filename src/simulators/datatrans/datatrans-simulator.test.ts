import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { datatrans } from '../../modules/payments/datatrans.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { buildApp } from '../../runtime/build-app.ts';

let one: Awaited<ReturnType<typeof createTestApp>>;
let two: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  one = await createTestApp();
  // A second instance of the demo on the same database, as when it is scaled out.
  two = await buildApp({ config: one.config, db: one.database.db, logger: createLogger('silent') });
});
afterAll(() => one?.close());

/** The provider's client, reaching the simulator of one instance or the other (in process). */
const clientOf = (app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> }) => {
  const config = one.config.payments;
  if (!config) throw new Error('demo mode has the simulator');
  const origin = new URL(config.apiUrl).origin;
  return {
    provider: datatrans(config),
    fetch: (url: string, init?: RequestInit) => app.request(url.replace(origin, ''), init),
  };
};

describe('the Datatrans simulator', () => {
  it('keeps its transactions and idempotent answers where every instance sees them', async () => {
    const a = clientOf(one.app);
    const b = clientOf(two.app);
    const realFetch = globalThis.fetch;
    try {
      globalThis.fetch = ((url: string, init?: RequestInit) => a.fetch(String(url), init)) as typeof fetch;
      const { transactionId, paymentUrl } = await a.provider.initiate({
        refno: 'GU-TEST-1',
        amountCents: 1500,
        currency: 'CHF',
        language: 'fr',
        returnUrl: 'http://127.0.0.1:9/back',
        notifyUrl: 'http://127.0.0.1:9/hook',
      });
      // Paid on the second instance's page…
      const paid = await two.app.request(new URL(paymentUrl).pathname, {
        method: 'POST',
        body: new URLSearchParams({ action: 'pay', cardNumber: '4242424242424242' }),
      });
      expect(paid.status).toBe(303);
      // …known as settled by the first: through the database, not one process's memory.
      expect((await a.provider.status(transactionId)).status).toBe('settled');
      const { rows } = await sql<{ status: string }>`
        select data->>'status' as status from simulator_datatrans_transactions
        where transaction_id = ${transactionId}`.execute(one.database.db);
      expect(rows).toEqual([{ status: 'settled' }]);

      const request = { amountCents: 500, currency: 'CHF', refno: 'GU-TEST-1-R1' };
      const first = await a.provider.refund(transactionId, request, 'key-1');
      globalThis.fetch = ((url: string, init?: RequestInit) => b.fetch(String(url), init)) as typeof fetch;
      expect(await b.provider.refund(transactionId, request, 'key-1')).toBe(first);
      const history = (await b.provider.status(transactionId)) as unknown as {
        history: { action: string }[];
      };
      expect(history.history.filter((h) => h.action === 'credit')).toHaveLength(1);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
