import { randomUUID } from 'node:crypto';
import type { GuichetModule } from '../../platform/module.ts';
import { signDeliveryReport } from '../../platform/sms/sms-gateway.ts';

interface SimulatedSms {
  id: string;
  from: string;
  to: string;
  text: string;
  reference: string;
  receivedAt: string;
}

/** What the simulated gateway has accepted, newest last (this process only: it is a simulator). */
const outbox: SimulatedSms[] = [];

/**
 * A stand-in for the SMS gateway, speaking its protocol: bearer token, JSON message, one message per
 * reference. `GET …/messages?to=` shows what was "sent", for the demo and the tests.
 */
export const smsGatewaySimulator: GuichetModule = {
  name: 'sms-gateway-simulator',
  routes: (platform) => [
    {
      method: 'POST',
      path: '/simulators/sms-gateway/messages',
      access: 'machine',
      async handler(c) {
        const expected = platform.config.smsGatewayToken;
        if (expected && c.req.header('Authorization') !== `Bearer ${expected}`)
          return c.json({ error: 'unauthorized' }, 401);
        const body = (await c.req.json()) as Partial<SimulatedSms>;
        if (!body.to || !/^\+\d{8,15}$/.test(body.to) || !body.text || !body.reference)
          return c.json({ error: 'invalid_message' }, 422);
        const known = outbox.find((m) => m.reference === body.reference);
        if (known) return c.json({ id: known.id, status: 'accepted' }, 200);
        const message = {
          id: `sim-${outbox.length + 1}`,
          from: body.from ?? '',
          to: body.to,
          text: body.text,
          reference: body.reference,
          receivedAt: new Date().toISOString(),
        };
        outbox.push(message);
        // The report comes later, as from a real network: numbers ending in 99 are out of service.
        const callback = (body as { statusCallback?: string }).statusCallback;
        if (callback && expected)
          setTimeout(() => {
            const report = JSON.stringify({
              id: message.id,
              reference: message.reference,
              status: message.to.endsWith('99') ? 'undeliverable' : 'delivered',
              nonce: randomUUID(),
            });
            fetch(callback, {
              method: 'POST',
              headers: {
                'Content-Type': 'application/json',
                'X-Signature': signDeliveryReport(expected, String(Date.now()), report),
              },
              body: report,
            }).catch(() => undefined); // the sender is down: the report is lost, as a real gateway may lose it
          }, 50);
        return c.json({ id: message.id, status: 'accepted' }, 201);
      },
    },
    {
      method: 'GET',
      path: '/simulators/sms-gateway/messages',
      access: 'anonymous',
      handler: (c) => c.json(outbox.filter((m) => !c.req.query('to') || m.to === c.req.query('to'))),
    },
  ],
};
