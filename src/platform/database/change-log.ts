import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Db } from './database.ts';
import type { ModuleMigrations } from './migrations.ts';

/**
 * Which transactions changed what (ADR 32): a trigger on each table a kept read depends on logs, per
 * row written, the scopes the row belongs to (a person, an account, or `everyone` for data that is
 * the same for all) under the writing transaction's id. A read kept with the snapshot it was made in
 * holds while no transaction that snapshot did not see has logged one of its scopes: exact across
 * instances, and without locks (each transaction inserts its own keys, so writers never wait on one
 * another, as a shared counter would make them).
 */
export interface ChangeLogTables {
  change_log: { scope: string; tx: string };
  /** The oldest transaction still running, as the purge saw it each time (see `purgeChangeLog`). */
  change_log_marks: { at: Date; oldest: string };
}

/**
 * Not backed up: their transaction ids are the old server's, meaningless on the one restored to
 * (instances start afresh there, keeping nothing).
 */
export const changeLogTables = ['change_log', 'change_log_marks'];

/** The scope of what is the same for everyone (the catalogue, the forms' definitions). */
export const everyone = '00000000-0000-0000-0000-000000000000';

/** `everyone` as a scope expression of `logChangesTo`, for tables whose rows are the same for all. */
export const everyoneScope = `'${everyone}'::uuid`;

/** How long a kept read may rely on the log: rows older than twice this are purged. */
export const keptReadMaxAgeMs = 10 * 60_000;

export const changeLogMigrations: ModuleMigrations = {
  '2026-12-07-40-platform-change-log': {
    async up(db: Kysely<unknown>) {
      await sql`create table change_log (
          scope uuid not null,
          tx xid8 not null,
          primary key (scope, tx))`.execute(db);
      await sql`create table change_log_marks (at timestamptz not null, oldest xid8 not null)`.execute(db);
      await sql`create function log_change(scope uuid) returns void language sql as $$
          insert into change_log (scope, tx) select $1, pg_current_xact_id() where $1 is not null
          on conflict do nothing $$`.execute(db);
    },
  },
};

/**
 * For a module's migration: every row written to `table` logs the scopes these expressions give, each
 * over `row` (the row as written, and as it was before an update or delete), e.g. `'row.account_id'`,
 * or a query giving any number of them: `'select a.id from accounts a where a.organisation_id = row.id'`.
 */
export async function logChangesTo(db: Kysely<unknown>, table: string, scopes: string[]): Promise<void> {
  const calls = (row: 'new' | 'old') =>
    scopes
      .map((scope) => scope.replaceAll(/\brow\./g, `${row}.`))
      .map((scope) =>
        /^select\b/i.test(scope)
          ? `perform log_change(s) from (${scope}) as scopes(s);`
          : `perform log_change(${scope});`,
      )
      .join('\n      ');
  await sql
    .raw(`create function log_change_${table}() returns trigger language plpgsql as $f$
    begin
      if tg_op <> 'DELETE' then
      ${calls('new')}
      end if;
      if tg_op <> 'INSERT' then
      ${calls('old')}
      end if;
      return null;
    end $f$`)
    .execute(db);
  await sql
    .raw(`create trigger log_change after insert or update or delete on ${table}
      for each row execute function log_change_${table}()`)
    .execute(db);
}

/**
 * Whether nothing in `scopes` changed since `snapshot` (a `pg_snapshot` as text, taken by the kept
 * read's statement): no row logged by a transaction that snapshot did not see, committed or not —
 * one that started after it (from its `xmax`) or was running when it was taken (its `xip` list).
 * Both are index probes, however far back the oldest transaction running then was.
 */
export function unchangedSince(
  scopes: Expression<string[]>,
  snapshot: Expression<string | null>,
): RawBuilder<boolean> {
  return sql<boolean>`(not exists (select 1 from change_log c where c.scope = any(${scopes})
      and c.tx >= pg_snapshot_xmax(${snapshot}::pg_snapshot))
    and not exists (select 1 from change_log c where c.scope = any(${scopes})
      and c.tx = any(array(select pg_snapshot_xip(${snapshot}::pg_snapshot)))))`;
}

/** The snapshot the statement reads in, to keep with what it read. */
export const currentSnapshot = sql<string>`pg_current_snapshot()::text`;

/**
 * Drops what no kept read can still rely on: the rows of transactions that had all ended twice a kept
 * read's lifetime ago (older than the oldest transaction then running), whose changes every snapshot
 * taken since sees. Each run marks where that line is now.
 */
export async function purgeChangeLog(db: Db): Promise<number> {
  const result = await sql`with mark as (
      insert into change_log_marks (at, oldest) values (clock_timestamp(), pg_snapshot_xmin(pg_current_snapshot()))),
    line as (select max(oldest) as oldest from change_log_marks
      where at < clock_timestamp() - make_interval(secs => ${(2 * keptReadMaxAgeMs) / 1000})),
    marks as (delete from change_log_marks where oldest < (select oldest from line))
    delete from change_log where tx < (select oldest from line)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
