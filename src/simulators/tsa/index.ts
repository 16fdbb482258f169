import type { GuichetModule } from '../../platform/module.ts';
import { createTimestampAuthority, type TimestampAuthority } from './tsa.ts';

// One per process: its certificate travels in every token, so tokens from an earlier run still verify.
let authority: Promise<TimestampAuthority> | undefined;

export function simulatedTimestampAuthority(): Promise<TimestampAuthority> {
  authority ??= createTimestampAuthority();
  return authority;
}

/** A stand-in for a qualified timestamp authority, speaking RFC 3161 over HTTP (RFC 3161 §3.4). */
export const tsaSimulator: GuichetModule = {
  name: 'tsa-simulator',
  routes: () => [
    {
      method: 'POST',
      path: '/simulators/tsa',
      access: 'machine',
      object: { none: 'a timestamp dates a hash for whoever asks, as a public TSA does' },
      // Every issued document asks for one: a batch of them must not meet the default write limit.
      rateLimit: { bucket: 'tsa-simulator', limit: 100_000, windowSeconds: 60 },
      async handler(c) {
        if (c.req.header('Content-Type') !== 'application/timestamp-query')
          return c.text('expected application/timestamp-query', 415);
        const reply = await (await simulatedTimestampAuthority()).respond(
          new Uint8Array(await c.req.arrayBuffer()),
        );
        return c.body(Buffer.from(reply), 200, { 'Content-Type': 'application/timestamp-reply' });
      },
    },
  ],
};
