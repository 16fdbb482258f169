import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { forceGenericPlans, genericPlansPool, registerGenericPlans } from './generic-plans.ts';

/**
 * The connection (or transaction) passed between modules. It names no tables: each module views it
 * through `tablesOf<ItsTables>(db)`, so a module's queries type-check only against the tables it owns.
 */
export type Db = Kysely<object>;

export function tablesOf<Tables>(db: Db): Kysely<Tables> {
  return db as unknown as Kysely<Tables>;
}

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

// bigint counts (e.g. count(*)) arrive as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
// A calendar date (a birth date) has no time zone: keep it as the 'YYYY-MM-DD' text it is.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * `genericPlans`: the connections of the pool for the few hot statements kept prepared with generic
 * plans (`executeWithGenericPlan`; 0 runs them on the main pool, for a pooler without prepared statements).
 */
export function connectDatabase(
  url: string,
  onError: (error: Error) => void,
  options: { max?: number; genericPlans?: number; onTooManyPlans?: () => void } = {},
): Database {
  const pool = watchedPool({ connectionString: url, max: options.max ?? 10 }, onError);
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
  const size = options.genericPlans ?? 4;
  const plans =
    size > 0
      ? genericPlansPool(
          watchedPool({ connectionString: url, max: size, options: forceGenericPlans }, onError),
          options.onTooManyPlans ?? (() => undefined),
        )
      : undefined;
  if (plans) registerGenericPlans(db, plans);
  return { db, pool, close: async () => void (await Promise.all([db.destroy(), plans?.close()])) };
}

function watchedPool(config: pg.PoolConfig, onError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool(config);
  // An idle client losing its connection (database restart, failover) must not crash the process.
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

/** Creates `name` on the server `url` points at, unless it exists; returns the URL of that database. */
export async function ensureDatabaseExists(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    // Copying the template's files is 70 ms quicker than writing it all through the WAL (PostgreSQL 15's
    // default) for the small template a fresh server has.
    if (found.rowCount === 0)
      await client.query(`create database ${client.escapeIdentifier(name)} strategy = file_copy`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/**
 * Runs `work` on its own connection whose commits do not wait for the WAL to reach the disk: for loading
 * data whose last commits may be lost to a machine crash (the demo seed, run again by `guichet seed`), a
 * tenth of a second less in a cold start. The database stays consistent either way.
 */
export async function withUnflushedCommits<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  const target = new URL(url);
  target.searchParams.set('options', '-c synchronous_commit=off');
  const database = connectDatabase(target.toString(), () => undefined, { max: 1, genericPlans: 0 });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** Text matched literally inside a LIKE pattern: its `%`, `_` and `\` escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}
