import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { connectDatabase, type Database } from './database.ts';
import { executeWithGenericPlan } from './generic-plans.ts';

let test: TestDatabase;
let one: Database; // a single connection for the generic plans, so that its statistics are the pool's
let tooMany = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  one = connectDatabase(test.url, () => undefined, { genericPlans: 1, onTooManyPlans: () => tooMany++ });
  await sql`create table plans_probe (id int primary key, label text)`.execute(test.db);
  await sql`insert into plans_probe select n, 'row ' || n from generate_series(1, 50) n`.execute(test.db);
});

afterAll(async () => {
  await one.close();
  await test.drop();
});

const byId = (id: number) => sql<{ label: string }>`select label from plans_probe where id = ${id}`;

/** What PostgreSQL says of the statements prepared on the generic plans' connection. */
async function prepared(db: Database['db']) {
  const { rows } = await executeWithGenericPlan(
    db,
    sql<{ statement: string; generic: number; custom: number }>`select statement,
      generic_plans as generic, custom_plans as custom from pg_prepared_statements`.compile(db),
  );
  return rows;
}

describe('statements run with a generic plan', () => {
  it('are prepared once per connection and planned once, whatever their values', async () => {
    for (const id of [3, 7, 11, 13, 17, 19, 23])
      expect((await executeWithGenericPlan(one.db, byId(id).compile(one.db))).rows).toEqual([
        { label: `row ${id}` },
      ]);
    const probe = (await prepared(one.db)).find((s) => s.statement.includes('from plans_probe'));
    expect(probe).toMatchObject({ generic: 7, custom: 0 });
  });

  it('run within the caller’s transaction when given one: they see its uncommitted rows', async () => {
    const undone = one.db.transaction().execute(async (tx) => {
      await sql`insert into plans_probe values (1000, 'uncommitted')`.execute(tx);
      expect((await executeWithGenericPlan(tx, byId(1000).compile(tx))).rows).toEqual([
        { label: 'uncommitted' },
      ]);
      throw new Error('undo');
    });
    await expect(undone).rejects.toThrow('undo');
    expect((await executeWithGenericPlan(one.db, byId(1000).compile(one.db))).rows).toEqual([]);
  });

  it('are prepared again when a migration changed what they return', async () => {
    const all = sql`select * from plans_probe where id = ${5}`.compile(one.db);
    expect((await executeWithGenericPlan(one.db, all)).rows).toEqual([{ id: 5, label: 'row 5' }]);
    await sql`alter table plans_probe add column extra text default 'new'`.execute(test.db);
    expect((await executeWithGenericPlan(one.db, all)).rows).toEqual([
      { id: 5, label: 'row 5', extra: 'new' },
    ]);
  });

  it('run unnamed past the texts an instance keeps prepared, and say so once', async () => {
    for (let n = 0; n < 205; n++)
      expect(
        (await executeWithGenericPlan(one.db, sql`select ${sql.lit(n)}::int as n`.compile(one.db))).rows,
      ).toEqual([{ n }]);
    expect(tooMany).toBe(1);
    expect((await prepared(one.db)).length).toBeLessThanOrEqual(200);
  });

  it('run on the main pool, unprepared, when turned off (a pooler without prepared statements)', async () => {
    const off = connectDatabase(test.url, () => undefined, { genericPlans: 0 });
    try {
      expect((await executeWithGenericPlan(off.db, byId(9).compile(off.db))).rows).toEqual([
        { label: 'row 9' },
      ]);
      expect(await prepared(off.db)).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
