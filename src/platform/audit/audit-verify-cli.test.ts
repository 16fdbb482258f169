import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideDemo } from '../../../tests/support/spawn-guichet.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { parseMasterKeys } from '../crypto/master-keys.ts';
import { audited } from './audit.ts';
import { writeCheckpoint } from './checkpoints.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/guichet.js');
const masterKeys = `k1:${randomBytes(32).toString('base64')}`;
const keys = parseMasterKeys(masterKeys);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

function auditVerify(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'audit', 'verify', ...args], {
    env: {
      ...process.env,
      ...outsideDemo,
      DATABASE_URL: database.url,
      MASTER_KEYS: masterKeys,
      LOG_LEVEL: 'warn',
    },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout };
}

/** As the database owner could: past the append-only triggers. */
async function tamper(statement: string) {
  await database.db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await sql.raw(statement).execute(tx);
  });
}

const record = (n: number) =>
  audited(
    database.db,
    { actor: 'cli', action: 'test.write', subjectType: 'thing', subjectId: String(n) },
    async () => undefined,
  );

/** `count` events and a checkpoint of them, returned as the log shows it. */
async function freshChain(count: number): Promise<string> {
  await tamper('truncate audit_events, audit_checkpoints restart identity');
  for (let n = 1; n <= count; n++) await record(n);
  return JSON.stringify((await writeCheckpoint(database.db, keys)).written);
}

// Each case starts the real CLI (a few seconds through tsx on a busy machine).
describe('guichet audit verify', { timeout: 90_000 }, () => {
  it('says the trail is intact, and prints the checkpoint it signs', async () => {
    await freshChain(3);
    await record(4);
    const { code, out } = auditVerify();
    expect(code).toBe(0);
    expect(out).toContain('audit trail intact: 4 events and 1 checkpoints checked');
    expect(out).toMatch(/^1 events after the newest checkpoint \(1, .*\), not signed yet$/m);
    expect(out).toMatch(/^checkpoint \{"seq":2,.*"headId":4,.*"mac":"[0-9a-f]{64}"\}$/m);
  });

  it.each([
    [
      'a cut tail',
      () => tamper('delete from audit_events where id > 3'),
      "checkpoint 1: event 5, the chain's head",
    ],
    [
      'an edited event',
      () => tamper("update audit_events set actor = 'x' where id = 2"),
      'event 2: its content',
    ],
    [
      'a chain rewritten with recomputed hashes',
      async () => {
        await tamper('delete from audit_events where id >= 3');
        await tamper('alter table audit_events alter column id restart with 3');
        for (const n of [30, 40, 50]) await record(n);
      },
      'checkpoint 1: event 5 is not the one it signed (the chain was rewritten)',
    ],
  ])('prints %s and exits with 2', async (_, change, problem) => {
    await freshChain(5);
    await change();
    const { code, out } = auditVerify();
    expect(code).toBe(2);
    expect(out).toContain('audit trail NOT intact');
    expect(out).toContain(`problem: ${problem}`);
  });

  it('checks a checkpoint copied from the log', async () => {
    const logged = await freshChain(2);
    await tamper('truncate audit_checkpoints');
    const { code, out } = auditVerify('--checkpoint', logged);
    expect(code).toBe(2);
    expect(out).toContain('problem: checkpoint 1 from the log: missing from the database');
  });
});
