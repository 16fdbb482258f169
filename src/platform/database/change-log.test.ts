import { randomUUID } from 'node:crypto';
import { type Kysely, type QueryExecutorProvider, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { currentSnapshot, logChangesTo, purgeChangeLog, unchangedSince } from './change-log.ts';

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
  await sql`create table probes (id uuid primary key, owner uuid)`.execute(test.db);
  await logChangesTo(test.db as Kysely<unknown>, 'probes', ['row.owner']);
  await sql`create table probe_groups (id uuid primary key, name text)`.execute(test.db);
  await logChangesTo(test.db as Kysely<unknown>, 'probe_groups', [
    'select p.owner from probes p where p.id = row.id',
  ]);
});
afterAll(() => test.drop());

const snapshot = async () =>
  (await sql<{ s: string }>`select ${currentSnapshot} as s`.execute(test.db)).rows[0]?.s ?? '';

const unchanged = async (scope: string, since: string) =>
  (
    await sql<{
      u: boolean;
    }>`select ${unchangedSince(sql`array[${scope}::uuid]`, sql`${since}`)} as u`.execute(test.db)
  ).rows[0]?.u;

const insert = (db: QueryExecutorProvider, owner: string) =>
  sql`insert into probes values (${randomUUID()}, ${owner})`.execute(db);

describe('the change log', () => {
  it("tells a snapshot that a scope changed after it, and not another scope's change", async () => {
    const mine = randomUUID();
    const other = randomUUID();
    const before = await snapshot();
    expect(await unchanged(mine, before)).toBe(true);
    await insert(test.db, mine);
    expect(await unchanged(mine, before)).toBe(false);
    const after = await snapshot();
    expect(await unchanged(mine, after)).toBe(true);
    await insert(test.db, other);
    expect(await unchanged(mine, after)).toBe(true);
    // An update and a delete count for the row's scope as it was too.
    await sql`update probes set owner = ${other} where owner = ${mine}`.execute(test.db);
    expect(await unchanged(mine, after)).toBe(false);
  });

  it('logs every scope a query gives for the row', async () => {
    const [group, first, second] = [randomUUID(), randomUUID(), randomUUID()];
    await sql`insert into probes values (${group}, ${first}), (${randomUUID()}, ${second})`.execute(test.db);
    const since = await snapshot();
    await sql`insert into probe_groups values (${group}, 'a')`.execute(test.db);
    expect(await unchanged(first, since)).toBe(false);
    expect(await unchanged(second, since)).toBe(true);
  });

  it('counts a transaction running when the snapshot was taken once it commits, and never one rolled back', async () => {
    const scope = randomUUID();
    let release: () => void = () => undefined;
    let taken: (s: string) => void = () => undefined;
    const snapshotTaken = new Promise<string>((resolve) => {
      taken = resolve;
    });
    const writing = test.db.transaction().execute(async (tx) => {
      await insert(tx, scope);
      taken(await snapshot()); // on another connection, while this one has not committed
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const during = await snapshotTaken;
    expect(await unchanged(scope, during)).toBe(true); // not visible yet: nothing to re-read
    release();
    await writing;
    expect(await unchanged(scope, during)).toBe(false);

    const since = await snapshot();
    await test.db
      .transaction()
      .execute(async (tx) => {
        await insert(tx, scope);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await unchanged(scope, since)).toBe(true);
  });

  it('purges only the rows of transactions that had all ended before a mark older than twice a kept read', async () => {
    const scope = randomUUID();
    const since = await snapshot();
    await insert(test.db, scope);
    // A mark from now keeps every row: a kept read may still rely on them.
    await purgeChangeLog(test.db);
    expect(await unchanged(scope, since)).toBe(false);
    // The same mark, as if it had been made an hour ago: everything before it goes.
    await sql`update change_log_marks set at = at - interval '1 hour'`.execute(test.db);
    expect(await purgeChangeLog(test.db)).toBeGreaterThan(0);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from change_log where scope = ${scope}`.execute(test.db);
    expect(rows[0]?.n).toBe(0);
  });
});
