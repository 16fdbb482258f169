import type { GuichetModule } from '../../platform/module.ts';

interface DeliveredPush {
  encoding: string | undefined;
  ttl: string | undefined;
  authorization: string | undefined;
  body: string;
}

const delivered = new Map<string, DeliveredPush[]>();

/**
 * A stand-in for a browser vendor's push service (RFC 8030): it takes encrypted messages for a
 * subscription endpoint and keeps them for the tests to decrypt. An endpoint named `gone` answers 410,
 * as a real service does for an expired subscription.
 */
export const pushServiceSimulator: GuichetModule = {
  name: 'push-service-simulator',
  routes: () => [
    {
      method: 'POST',
      path: '/simulators/push-service/:id',
      access: 'machine',
      object: { none: 'a simulator of a push service (demo and tests)' },
      async handler(c) {
        const id = c.req.param('id') ?? '';
        if (id === 'gone') return c.body(null, 410);
        const body = Buffer.from(await c.req.arrayBuffer()).toString('base64');
        const message = {
          encoding: c.req.header('Content-Encoding'),
          ttl: c.req.header('TTL'),
          authorization: c.req.header('Authorization'),
          body,
        };
        delivered.set(id, [...(delivered.get(id) ?? []), message]);
        return c.body(null, 201);
      },
    },
    {
      method: 'GET',
      path: '/simulators/push-service/:id',
      access: 'anonymous',
      object: { none: 'a simulator of a push service (demo and tests)' },
      handler: (c) => c.json(delivered.get(c.req.param('id') ?? '') ?? []),
    },
  ],
};
