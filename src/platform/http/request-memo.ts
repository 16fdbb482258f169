import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../database/database.ts';

/**
 * Reads that one page makes several times (the person's accounts: for the actor, then for each of
 * "my space"'s sections and access decisions), made once per request. Only while a request that
 * changes nothing (GET) is answered, and never inside a transaction, whose reads must see its own
 * writes: rights are still read afresh on every request.
 */
const reads = new AsyncLocalStorage<WeakMap<Db, Map<string, Promise<unknown>>>>();

/** Runs a read-only request's handling with its own memo. */
export function withRequestMemo<T>(run: () => Promise<T>): Promise<T> {
  return reads.run(new WeakMap(), run);
}

/**
 * Keeps for the rest of the request what a read made together with others gave (as `load()` would have),
 * so that later `readOncePerRequest` of the same key do not read it again.
 */
export function rememberForRequest(db: Db, key: string, value: unknown): void {
  const memo = reads.getStore();
  if (!memo || db.isTransaction) return;
  const known = memo.get(db) ?? new Map<string, Promise<unknown>>();
  memo.set(db, known);
  known.set(key, Promise.resolve(value));
}

/** `load()`, or what it gave earlier in this request for the same key. Failures are not kept. */
export function readOncePerRequest<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  const memo = reads.getStore();
  if (!memo || db.isTransaction) return load();
  const known = memo.get(db) ?? new Map<string, Promise<unknown>>();
  memo.set(db, known);
  const earlier = known.get(key);
  if (earlier) return earlier as Promise<T>;
  const loading = load();
  known.set(key, loading);
  loading.catch(() => known.delete(key));
  return loading;
}
