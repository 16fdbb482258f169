import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { appendAuditEvent, audited, verifyAuditChain } from './audit.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const event = (n: number) => ({
  actor: 'person:1',
  action: 'test.write',
  subjectType: 'thing',
  subjectId: String(n),
  details: { n, nested: { b: 2, a: 1 } },
});

async function freshChain(count: number) {
  await sql`truncate audit_events restart identity`.execute(database.db);
  for (let n = 1; n <= count; n++) {
    await database.db.transaction().execute((tx) => appendAuditEvent(tx, event(n)));
  }
}

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    await freshChain(5);
    expect(await verifyAuditChain(database.db)).toEqual({ intact: true, checked: 5 });
  });

  it('detects a changed event', async () => {
    await freshChain(5);
    await sql`update audit_events set details = '{"n": 99}' where id = 3`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toEqual({ intact: false, checked: 2, brokenAt: 3 });
  });

  it('detects a deleted event', async () => {
    await freshChain(5);
    await sql`delete from audit_events where id = 2`.execute(database.db);
    expect(await verifyAuditChain(database.db)).toMatchObject({ intact: false, brokenAt: 3 });
  });

  it('keeps one chain when writers run concurrently', async () => {
    await freshChain(0);
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        database.db.transaction().execute((tx) => appendAuditEvent(tx, event(n))),
      ),
    );
    expect(await verifyAuditChain(database.db)).toEqual({ intact: true, checked: 20 });
  });

  it('records nothing when the audited work fails, and the work is rolled back with it', async () => {
    await freshChain(1);
    await expect(
      audited(database.db, event(2), async (tx) => {
        await appendAuditEvent(tx, event(3));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(1);
  });
});
