import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { saferpay } from '../../modules/payments/saferpay.ts';
import { createLogger } from '../../platform/logging/logger.ts';
import { buildApp } from '../../runtime/build-app.ts';
import { simulatedMerchants } from './merchants.ts';

let one: Awaited<ReturnType<typeof createTestApp>>;
let two: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  one = await createTestApp();
  // A second instance of the demo on the same database, as when it is scaled out.
  two = await buildApp({ config: one.config, db: one.database.db, logger: createLogger('silent') });
});
afterAll(() => one?.close());

const [merchant] = simulatedMerchants;

/** The Saferpay client, reaching the simulator of one instance or the other (in process). */
function through(app: { request: (url: string, init?: RequestInit) => Response | Promise<Response> }) {
  const origin = new URL(one.config.publicUrl).origin;
  globalThis.fetch = ((url: string, init?: RequestInit) =>
    app.request(String(url).replace(origin, ''), init)) as typeof fetch;
}

describe('the Saferpay simulator', () => {
  it('keeps its pages and transactions where every instance sees them', async () => {
    if (!merchant) throw new Error('the simulator knows a merchant');
    const provider = saferpay(
      { provider: 'saferpay', ...merchant, terminalId: merchant.terminalIds[0] ?? '' },
      one.config.paymentEndpoints.saferpay,
    );
    const realFetch = globalThis.fetch;
    try {
      through(one.app);
      const { transactionId, paymentUrl } = await provider.initiate({
        refno: 'GU-TEST-1',
        amountCents: 1500,
        currency: 'CHF',
        language: 'fr',
        returnUrl: 'http://127.0.0.1:9/back',
        notifyUrl: 'http://127.0.0.1:9/notify',
      });
      // Paid on the second instance's page…
      const paid = await two.app.request(new URL(paymentUrl).pathname, {
        method: 'POST',
        body: new URLSearchParams({ action: 'pay', cardNumber: '4242424242424242' }),
      });
      expect(paid.status).toBe(303);
      // …asserted and captured through the first.
      expect(await provider.status(transactionId)).toMatchObject({ status: 'settled', refno: 'GU-TEST-1' });
      through(two.app);
      expect((await provider.status(transactionId)).detail?.captureId).toBeTruthy();
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('refuses another merchant’s credentials and a request without its header, as Saferpay does', async () => {
    const post = (headers: Record<string, string>, body: unknown) =>
      one.app.request('/simulators/saferpay/api/Payment/v1/PaymentPage/Assert', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const basic = (user: string, password: string) =>
      `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const wrong = await post(
      { Authorization: basic(merchant?.apiUser ?? '', 'guess') },
      {
        RequestHeader: {
          SpecVersion: '1.40',
          CustomerId: merchant?.customerId,
          RequestId: 'a',
          RetryIndicator: 0,
        },
      },
    );
    expect([wrong.status, await wrong.json()]).toMatchObject([401, { ErrorName: 'AUTHENTICATION_FAILED' }]);
    const headerless = await post(
      { Authorization: basic(merchant?.apiUser ?? '', merchant?.apiPassword ?? '') },
      { RequestHeader: { CustomerId: merchant?.customerId }, Token: 'x' },
    );
    expect([headerless.status, await headerless.json()]).toMatchObject([
      400,
      { Behavior: 'ABORT', ErrorName: 'VALIDATION_FAILED' },
    ]);
  });
});
