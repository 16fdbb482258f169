import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { withUnflushedCommits } from './database.ts';

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
  await sql`create table seeded_probe (id int primary key)`.execute(test.db);
});

afterAll(() => test.drop());

const setting = async (db: TestDatabase['db']) =>
  (await sql<{ value: string }>`select current_setting('synchronous_commit') as value`.execute(db)).rows[0]
    ?.value;

it('runs the work on connections that do not wait for the flush, and leaves the others as they were', async () => {
  const inside = await withUnflushedCommits(test.url, async (db) => {
    await sql`insert into seeded_probe select generate_series(1, 3)`.execute(db);
    return setting(db);
  });
  expect(inside).toBe('off');
  expect(await setting(test.db)).toBe('on');
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from seeded_probe`.execute(test.db);
  expect(rows[0]?.n).toBe(3);
});
