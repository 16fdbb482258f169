import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkChain } from '../../src/platform/audit/audit.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { masterKeysFor } from '../../src/platform/crypto/master-keys.ts';
import type { Db } from '../../src/platform/database/database.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { writeResults } from './support/results.ts';

/**
 * The audit trail of a real history (the demo's seeding: authorities, staff, services, forms, keys):
 * the application's connections cannot change or remove an event, and the verifier names the first
 * broken link wherever a row is altered, deleted or two are swapped. The verifier's own cases (cut tail,
 * rewritten chain, checkpoints) are src/platform/audit/audit.test.ts.
 */
let database: TestDatabase;
let events = 0;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, await masterKeysFor(loadConfig({ GUICHET_DEMO: 'true' }), database.db));
  await sql`create table audit_backup as select * from audit_events`.execute(database.db);
  events = Number(
    (await sql<{ n: string }>`select count(*) as n from audit_events`.execute(database.db)).rows[0]?.n,
  );
}, 120_000);
afterAll(async () => {
  writeResults('audit-log', { asvs: ['16.4.2', '16.4.3'], eventsInChain: events, ...figures });
  await database.drop();
});

/** What only the database's owner could do, bypassing the append-only triggers deliberately. */
async function asOwner(statements: (tx: Db) => Promise<unknown>) {
  await database.db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await statements(tx);
  });
}

async function restore() {
  await asOwner(async (tx) => {
    await sql`delete from audit_events`.execute(tx);
    await sql`insert into audit_events overriding system value select * from audit_backup`.execute(tx);
  });
}

describe('the audit log', () => {
  it('cannot be changed, deleted or truncated through the application’s connections', async () => {
    const refused: string[] = [];
    for (const statement of [
      sql`update audit_events set actor = 'someone else' where id = 1`,
      sql`delete from audit_events where id = (select max(id) from audit_events)`,
      sql`truncate audit_events`,
    ]) {
      const error = await statement.execute(database.db).then(
        () => undefined,
        (e: { code?: string }) => e,
      );
      expect(error?.code).toBe('42501'); // insufficient_privilege, from the append-only trigger
      refused.push(String(error?.code));
    }
    figures.refusedStatements = refused.length;
    expect((await walkChain(database.db)).brokenAt).toBeUndefined();
  });

  it('finds the first broken link after an event is altered, deleted or two are swapped, wherever they are', async () => {
    expect(events).toBeGreaterThan(20);
    const positions = [1, 2, Math.floor(events / 2), events - 1];
    const found: string[] = [];
    for (const at of positions) {
      await asOwner((tx) =>
        sql`update audit_events set details = '{"forged": true}' where id = ${at}`.execute(tx),
      );
      expect((await walkChain(database.db)).brokenAt, `altered ${at}`).toBe(at);
      await restore();
      await asOwner((tx) => sql`delete from audit_events where id = ${at}`.execute(tx));
      expect((await walkChain(database.db)).brokenAt, `deleted ${at}`).toBe(at + 1);
      await restore();
      // Two neighbours swap places, each keeping its own content and hashes.
      await asOwner(async (tx) => {
        const columns = sql.raw(
          'occurred_at, actor, on_behalf_of, action, subject_type, subject_id, authority_id, details, request_id, previous_hash, hash',
        );
        await sql`delete from audit_events where id in (${at}, ${at + 1})`.execute(tx);
        await sql`insert into audit_events (id, ${columns}) overriding system value
          select case when id = ${at}::bigint then ${at + 1}::bigint else ${at}::bigint end, ${columns}
          from audit_backup where id in (${at}, ${at + 1})`.execute(tx);
      });
      expect((await walkChain(database.db)).brokenAt, `swapped ${at}`).toBe(at);
      await restore();
      found.push(`altered, deleted and swapped at ${at}`);
    }
    expect((await walkChain(database.db)).brokenAt).toBeUndefined();
    figures.tamperingsFound = found.length * 3;
    figures.positions = positions;
  });
});
