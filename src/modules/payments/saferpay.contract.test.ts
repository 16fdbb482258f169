import { sql } from 'kysely';
import { providerContract } from './provider-contract.ts';

providerContract('saferpay', {
  authority: 'sion',
  async onPage(paymentUrl, outcome) {
    const action = { pay: 'pay', decline: 'decline', abandon: 'abort' }[outcome];
    const response = await fetch(paymentUrl, {
      method: 'POST',
      body: new URLSearchParams({ action, cardNumber: '4242424242424242' }),
      redirect: 'manual',
    });
    if (response.status !== 303) throw new Error(`the page answered ${response.status}`);
  },
  // Saferpay's call carries nothing but the address Guichet gave it: the payment's.
  notify: (server, payment) => fetch(`${server.url}/payments/notify/saferpay/${payment.id}`),
  // A replayed call is only a reason to assert again: answered, and changes nothing.
  replayStatus: 200,
  async settleOtherAmount(server, payment, token, cents) {
    // The acquirer authorised another amount than the page asked (as if the page had been tampered with).
    await sql`update simulator_saferpay_transactions
      set data = jsonb_set(data, '{Amount,Value}', to_jsonb(${String(cents)}::text))
      where id = (select data->>'transactionId' from simulator_saferpay_pages where token = ${token})`.execute(
      server.database.db,
    );
    await fetch(`${server.url}/payments/notify/saferpay/${payment.id}`);
  },
});
