import { createHash } from 'node:crypto';
import type { CompiledQuery, QueryResult } from 'kysely';
import type pg from 'pg';
import type { Db } from './database.ts';

/**
 * A few long statements run on nearly every request (the session's read with who acts, "my space"):
 * PostgreSQL spent ~2.6 ms planning the page's statement against 0.46 ms running it, every time. They
 * run here as named prepared statements on connections that keep one generic plan per statement
 * (ADR 30). Only statements whose plan does not depend on their values belong here: the main pool's
 * statements keep custom plans (the inbox's search needs its values seen).
 */
export interface GenericPlans {
  run<Row>(query: CompiledQuery<Row>): Promise<QueryResult<Row>>;
  close(): Promise<void>;
}

/** Distinct statement texts kept prepared per instance; a text beyond runs unnamed (and is logged). */
const MAX_TEXTS = 200;

/** What a connection of the pool given to `genericPlansPool` is opened with. */
export const forceGenericPlans = '-c plan_cache_mode=force_generic_plan';

/** `pool`: connections opened with `forceGenericPlans`, used for nothing else. */
export function genericPlansPool(pool: pg.Pool, onTooMany: () => void): GenericPlans {
  const names = new Map<string, string>();
  let warned = false;
  function nameOf(text: string): string | undefined {
    let name = names.get(text);
    if (name) return name;
    if (names.size >= MAX_TEXTS) {
      if (!warned) onTooMany();
      warned = true;
      return undefined;
    }
    name = `g_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    names.set(text, name);
    return name;
  }
  async function run<Row>(query: CompiledQuery<Row>, again = true): Promise<QueryResult<Row>> {
    const config = { name: nameOf(query.sql), text: query.sql, values: [...query.parameters] };
    const client = await pool.connect();
    try {
      const result = await client.query(config);
      client.release();
      return { rows: result.rows as Row[] };
    } catch (error) {
      // A migration that changed a prepared statement's result type breaks it on this connection
      // only ("cached plan must not change result type"): drop the connection, prepare it anew.
      const stale = (error as { code?: string }).code === '0A000';
      client.release(stale ? (error as Error) : undefined);
      if (stale && again) return run(query, false);
      throw error;
    }
  }
  return {
    run,
    close: () => pool.end(),
  };
}

const registered = new WeakMap<object, GenericPlans>();

export function registerGenericPlans(db: Db, plans: GenericPlans): void {
  registered.set(db, plans);
}

/**
 * Runs `query` with a generic plan kept for its text, on the pool registered for `db`; within a
 * transaction, or where no such pool is (turned off for a connection pooler without prepared
 * statements), on `db` itself.
 */
export function executeWithGenericPlan<Row>(db: Db, query: CompiledQuery<Row>): Promise<QueryResult<Row>> {
  const plans = db.isTransaction ? undefined : registered.get(db);
  return plans ? plans.run(query) : db.executeQuery(query);
}
