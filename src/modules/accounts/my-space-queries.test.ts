import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { PersonActor } from '../../platform/http/access.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let citizen: PersonActor;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => citizen });
  citizen = await createCitizen(testApp.database.db, {
    givenNames: 'Rita',
    familyName: 'Compte',
    email: 'rc@example.ch',
  });
});
afterAll(async () => {
  await testApp?.close();
});

describe('my space', () => {
  it('reads the sections that give a summary in one statement', async () => {
    await testApp.app.request('/my'); // warm: what is read once per process
    const seen: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
      seen.push(String((a[0] as { text?: string })?.text ?? a[0]));
      return (query as (...b: unknown[]) => unknown).apply(this, a);
    } as typeof query;
    try {
      expect((await testApp.app.request('/my')).status).toBe(200);
    } finally {
      pg.Client.prototype.query = query;
    }
    const together = seen.filter((text) => /^select \(select/.test(text));
    expect(together).toHaveLength(1);
    for (const table of ['notifications', 'documents', 'payments', 'bookings', 'cases'])
      expect(seen.filter((text) => new RegExp(`\\b${table}\\b`).test(text))).toEqual(together);
    expect(seen.length).toBeLessThanOrEqual(12);
  });
});
