import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { parseMasterKeys } from '../crypto/master-keys.ts';
import type { Db } from '../database/database.ts';
import { audited, auditedTx } from './audit.ts';
import { writeCheckpoint } from './checkpoints.ts';
import { verifyAudit } from './verify-audit.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const keys = parseMasterKeys(`k1:${randomBytes(32).toString('base64')}`);

const event = (n: number) => ({
  actor: 'person:1',
  action: 'test.write',
  subjectType: 'thing',
  subjectId: String(n),
  details: { n, nested: { b: 2, a: 1 } },
});

const record = (n: number) => audited(database.db, event(n), async () => undefined);

/**
 * What someone with the database owner's rights could do: the append-only triggers are skipped, as
 * with `alter table … disable trigger`. The application's own connections never do this.
 */
async function tamper(statements: (tx: Db) => Promise<unknown>) {
  await database.db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await statements(tx);
  });
}

async function freshChain(count: number) {
  await tamper(async (tx) => {
    await sql`truncate audit_events, audit_checkpoints restart identity`.execute(tx);
  });
  for (let n = 1; n <= count; n++) await record(n);
}

const verify = () => verifyAudit(database.db, keys);

describe('audit chain', () => {
  it('verifies an untouched chain and its checkpoints', async () => {
    await freshChain(3);
    await writeCheckpoint(database.db, keys);
    await record(4);
    await writeCheckpoint(database.db, keys);
    await record(5);
    expect(await verify()).toMatchObject({
      intact: true,
      events: 5,
      checkpoints: 2,
      unsigned: 1,
      problems: [],
    });
  });

  it.each([
    ['update', sql`update audit_events set details = '{"n": 99}' where id = 1`],
    ['delete', sql`delete from audit_events where id = 1`],
    ['truncate', sql`truncate audit_events`],
    ['update', sql`update audit_checkpoints set head_id = 1`],
    ['delete', sql`delete from audit_checkpoints`],
    ['truncate', sql`truncate audit_checkpoints`],
  ])('refuses %s to the application: %s', async (_, statement) => {
    await freshChain(2);
    await writeCheckpoint(database.db, keys);
    await expect(statement.execute(database.db)).rejects.toThrow(/is append-only/);
    expect(await verify()).toMatchObject({ intact: true, events: 2, checkpoints: 1 });
  });

  it('reports an edited event', async () => {
    await freshChain(5);
    await tamper((tx) => sql`update audit_events set details = '{"n": 99}' where id = 3`.execute(tx));
    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: false, events: 2, brokenAt: 3 });
    expect(verdict.problems).toEqual([expect.stringContaining('event 3: its content')]);
  });

  it('reports a deleted event', async () => {
    await freshChain(5);
    await tamper((tx) => sql`delete from audit_events where id = 2`.execute(tx));
    expect(await verify()).toMatchObject({ intact: false, brokenAt: 3 });
  });

  it('reports reordered events', async () => {
    await freshChain(5);
    // Events 2 and 3 swap places, each keeping its own content and hashes.
    await tamper((tx) =>
      sql`update audit_events a set occurred_at = b.occurred_at, actor = b.actor, action = b.action,
            subject_type = b.subject_type, subject_id = b.subject_id, details = b.details,
            previous_hash = b.previous_hash, hash = b.hash || '-'
          from audit_events b where (a.id, b.id) in ((2, 3), (3, 2))`.execute(tx),
    );
    await tamper((tx) => sql`update audit_events set hash = rtrim(hash, '-')`.execute(tx));
    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: false, brokenAt: 2 });
    expect(verdict.problems[0]).toMatch(/reordered/);
  });

  it('reports a cut tail, which the links alone cannot show', async () => {
    await freshChain(5);
    await writeCheckpoint(database.db, keys);
    await tamper((tx) => sql`delete from audit_events where id > 3`.execute(tx));
    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: false, events: 3 });
    expect(verdict.brokenAt).toBeUndefined();
    expect(verdict.problems).toEqual([
      "checkpoint 1: event 5, the chain's head it signed, is missing (the chain was cut)",
    ]);
  });

  it('reports a chain rewritten with recomputed hashes after the last checkpoint', async () => {
    await freshChain(5);
    await writeCheckpoint(database.db, keys);
    // The attacker drops events 3 to 5 and appends others in their place, each hash recomputed.
    await tamper(async (tx) => {
      await sql`delete from audit_events where id >= 3`.execute(tx);
      await sql`alter table audit_events alter column id restart with 3`.execute(tx);
    });
    for (const n of [30, 40, 50]) await record(n);
    const verdict = await verify();
    expect(verdict).toMatchObject({ intact: false, events: 5 });
    expect(verdict.problems).toEqual([
      'checkpoint 1: event 5 is not the one it signed (the chain was rewritten)',
    ]);
  });

  it('reports a whole chain rewritten from its first event', async () => {
    await freshChain(3);
    await writeCheckpoint(database.db, keys);
    await tamper((tx) => sql`truncate audit_events restart identity`.execute(tx));
    for (const n of [7, 8, 9]) await record(n);
    expect((await verify()).problems).toEqual([expect.stringMatching(/checkpoint 1: .*rewritten/)]);
  });

  it('reports a checkpoint moved to a forged head: its signature no longer matches', async () => {
    await freshChain(5);
    await writeCheckpoint(database.db, keys);
    await tamper(async (tx) => {
      await sql`delete from audit_events where id > 3`.execute(tx);
      await sql`update audit_checkpoints set head_id = 3, head_hash = (select hash from audit_events where id = 3)`.execute(
        tx,
      );
    });
    expect((await verify()).problems).toEqual([
      expect.stringMatching(/checkpoint 1: its signature does not match/),
    ]);
  });

  it('reports removed checkpoints against the copy the log kept', async () => {
    await freshChain(3);
    await writeCheckpoint(database.db, keys);
    await record(4);
    const { written } = await writeCheckpoint(database.db, keys);
    if (!written) throw new Error('expected a checkpoint');
    // Drop the newest checkpoint and the events it covered: what is left is consistent in itself.
    await tamper(async (tx) => {
      await sql`delete from audit_checkpoints where seq = 2`.execute(tx);
      await sql`delete from audit_events where id = 4`.execute(tx);
    });
    expect(await verify()).toMatchObject({ intact: true });
    const verdict = await verifyAudit(database.db, keys, written);
    expect(verdict.problems).toEqual([
      'checkpoint 2 from the log: missing from the database (checkpoints were removed)',
    ]);
  });

  it('signs only a new head, and never a broken chain', async () => {
    await freshChain(2);
    expect((await writeCheckpoint(database.db, keys)).written).toMatchObject({ seq: 1, headId: 2 });
    expect((await writeCheckpoint(database.db, keys)).written).toBeNull();
    await record(3);
    await tamper((tx) => sql`update audit_events set actor = 'someone else' where id = 3`.execute(tx));
    const refused = await writeCheckpoint(database.db, keys);
    expect(refused.written).toBeNull();
    expect(refused.problems).toEqual([expect.stringContaining('event 3')]);
  });

  it('counts checkpoints signed with a key no longer configured, without failing on them', async () => {
    await freshChain(1);
    await writeCheckpoint(database.db, keys);
    const rotated = parseMasterKeys(`k2:${randomBytes(32).toString('base64')}`);
    expect(await verifyAudit(database.db, rotated)).toMatchObject({ intact: true, unverifiable: 1 });
  });

  it('links in the database exactly as the verifier hashes, whatever the text', async () => {
    await freshChain(1);
    await audited(
      database.db,
      {
        actor: 'person:Zoë "Ω" \\ 😀',
        onBehalfOf: 'account:ß',
        action: 'test.write',
        subjectType: 'thing',
        subjectId: 'ligne\nà\tcapo',
        authorityId: 'Genève',
        requestId: 'req-\u2028',
        details: { 'z é': ['\u0001', 1.5, null, true], a: { ü: '<script>' } },
      },
      async () => undefined,
    );
    await record(3);
    expect(await verify()).toMatchObject({ intact: true, events: 3, problems: [] });
  });

  it('keeps one chain when writers run concurrently', async () => {
    await freshChain(0);
    await Promise.all(Array.from({ length: 20 }, (_, n) => record(n)));
    expect(await verify()).toMatchObject({ intact: true, events: 20 });
  });

  it('records nothing when the audited work fails, and the work is rolled back with it', async () => {
    await freshChain(1);
    await expect(
      audited(database.db, event(2), async (tx) => {
        await auditedTx(tx, event(3), async () => undefined);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_events`.execute(
      database.db,
    );
    expect(rows[0]?.n).toBe(1);
  });
});
