import { datatrans, signature } from './datatrans.ts';
import { providerContract, type Server } from './provider-contract.ts';

// The canton's merchant is the simulator's (demo settings): its sign key signs the webhooks.
const signKey = '5a1f0c6e2b7d4c9aa3e8f1b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1';
/** What was posted, by body: posting the same body again replays the captured message as it was. */
const captured = new Map<string, string>();

function post(server: Server, body: string) {
  let header = captured.get(body);
  if (!header) {
    const t = String(Date.now());
    header = `t=${t},s0=${signature(signKey, t, body)}`;
    captured.set(body, header);
  }
  return fetch(`${server.url}/payments/webhooks/datatrans`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Datatrans-Signature': header },
    body,
  });
}

/** The transaction as the simulator holds it (what its own webhook would carry). */
async function transactionAt(server: Server, transactionId: string) {
  if (!server.config.payments) throw new Error('demo mode has the simulator');
  return datatrans(server.config.payments).status(transactionId);
}

providerContract('datatrans', {
  authority: 'valais',
  async onPage(paymentUrl, outcome) {
    const action = { pay: 'pay', decline: 'decline', abandon: 'cancel' }[outcome];
    const response = await fetch(paymentUrl, {
      method: 'POST',
      body: new URLSearchParams({ action, cardNumber: '4242424242424242' }),
      redirect: 'manual',
    });
    if (response.status !== 303) throw new Error(`the page answered ${response.status}`);
  },
  async notify(server, _payment, transactionId) {
    const { method: _m, ...transaction } = await transactionAt(server, transactionId);
    return post(server, JSON.stringify(transaction));
  },
  replayStatus: 409,
  async settleOtherAmount(server, _payment, transactionId, cents) {
    const { method: _m, ...transaction } = await transactionAt(server, transactionId);
    await post(server, JSON.stringify({ ...transaction, detail: { settle: { amount: cents } } }));
  },
});
