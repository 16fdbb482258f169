import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { connectDatabase, type Database, type Db } from '../../platform/database/database.ts';
import { searchServices } from './search.ts';
import { warmSearchIndex } from './search-freshness.ts';
import { CatalogueIndex } from './search-index.ts';

// Each handle is an instance of Guichet with its own index (ADR 27).
let testApp: Awaited<ReturnType<typeof createTestApp>>;
const instances: Database[] = [];

beforeAll(async () => {
  testApp = await createTestApp(); // with the demo catalogue
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  for (const instance of instances) await instance.close();
  await testApp.close();
});

function startInstance(): Db {
  const instance = connectDatabase(testApp.database.url, () => undefined);
  instances.push(instance);
  return instance.db;
}

const slugsFor = async (db: Db, query: string) =>
  (await searchServices(db, query, { communeId: null, limit: 20, offset: 0 })).entries.map((e) => e.slug);

/** Only the index finds a misspelt word: the database's full-text search does not. */
const indexReady = (db: Db) =>
  vi.waitFor(async () => expect(await slugsFor(db, 'pursuite')).toContain('extrait-registre-poursuites'), {
    timeout: 10_000,
    interval: 50,
  });

/** Holds every index build (at 40,000 services one takes seconds) until the returned function is called. */
function holdBuilds(): () => void {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const putAll = CatalogueIndex.prototype.putAll;
  vi.spyOn(CatalogueIndex.prototype, 'putAll').mockImplementation(async function (this: CatalogueIndex, all) {
    await held;
    return putAll.call(this, all);
  });
  return release;
}

const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('search while an instance has no index fresh enough', () => {
  it('answers a fresh instance’s first searches from the database, as the index would', async () => {
    const indexed = startInstance();
    await indexReady(indexed);
    const release = holdBuilds();
    const fresh = startInstance();
    try {
      for (const query of ['chien', 'poursuites', 'Steuern', 'stupéfiant', 'autorisation de prat', 'debt']) {
        const first = slugsFor(fresh, query);
        expect(await settlesWithin(first, 1_000)).toBe(true);
        expect(await first).toEqual(await slugsFor(indexed, query));
      }
      expect(await slugsFor(fresh, 'pursuite')).toEqual([]); // answered by the database: no index yet
    } finally {
      release();
    }
    await indexReady(fresh);
  });

  it('answers from the database, not a stale index, while a new index is built', async () => {
    const instance = startInstance();
    await indexReady(instance);
    expect(await slugsFor(instance, 'stupefiants')).toContain('etat-mensuel-stupefiants');
    // A withdrawal among more changes than are kept (or a restore): only a new index can know it.
    const { db } = testApp.database;
    await sql`update catalogue_services set state = 'withdrawn' where slug = 'etat-mensuel-stupefiants'`.execute(
      db,
    );
    await sql`delete from catalogue_search_changes`.execute(db);
    await sql`update catalogue_search_generation set generation = generation + 5000`.execute(db);
    const release = holdBuilds();
    try {
      await pause(1_100);
      await slugsFor(instance, 'stupefiants'); // asks for the changes, finds it must build a new index
      await pause(4_000);
      const stale = slugsFor(instance, 'stupefiants');
      expect(await settlesWithin(stale, 1_000)).toBe(true);
      expect(await stale).toEqual([]);
    } finally {
      release();
    }
  });

  it('says when a build fails, and the database answers meanwhile', async () => {
    const instance = startInstance();
    vi.spyOn(CatalogueIndex.prototype, 'putAll').mockRejectedValue(new Error('out of memory, say'));
    const errors: unknown[][] = [];
    warmSearchIndex(instance, { error: (...args: unknown[]) => errors.push(args) });
    await vi.waitFor(() => expect(errors).toHaveLength(1), { timeout: 5_000, interval: 20 });
    expect(errors[0]).toEqual([
      { err: expect.objectContaining({ message: 'out of memory, say' }) },
      'catalogue search index not built',
    ]);
    expect(await slugsFor(instance, 'poursuites')).toContain('extrait-registre-poursuites');
  });
});
