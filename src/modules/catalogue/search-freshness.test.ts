import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { connectDatabase, type Database, type Db } from '../../platform/database/database.ts';
import { addSynonyms, searchServices } from './search.ts';
import { getService, withdrawService } from './services.ts';

// Two instances of Guichet on one database: each its own handle, hence its own index.
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let other: Database;

beforeAll(async () => {
  testApp = await createTestApp();
  other = connectDatabase(testApp.database.url, () => undefined);
});
afterAll(async () => {
  await other.close();
  await testApp.close();
});

const slugsFor = async (db: Db, query: string) =>
  (await searchServices(db, query, { communeId: null, limit: 20, offset: 0 })).entries.map((e) => e.slug);

async function withdraw(slug: string) {
  const service = await getService(testApp.database.db, { slug });
  if (!service) throw new Error(`demo service ${slug} missing`);
  await withdrawService(testApp.database.db, 'test', service);
}

/** Holds a lock on a catalogue table, as a long write or a slow database would, until released. */
async function lockTable(table: string): Promise<() => Promise<void>> {
  const client: pg.PoolClient = await testApp.database.pool.connect();
  await client.query('begin');
  await client.query(`lock table ${table} in access exclusive mode`);
  return async () => {
    await client.query('rollback');
    client.release();
  };
}

/** Whether `promise` settles within `ms`. */
const settlesWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), ms))]);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the search index of each instance', () => {
  it('forgets a service withdrawn by another instance within a second or so', async () => {
    expect(await slugsFor(other.db, 'dechetterie')).toContain('carte-dechetterie-sierre');
    const began = Date.now();
    await withdraw('carte-dechetterie-sierre');
    expect(await slugsFor(testApp.database.db, 'dechetterie')).toEqual([]);
    await vi.waitFor(
      async () => expect(await slugsFor(other.db, 'dechetterie')).not.toContain('carte-dechetterie-sierre'),
      { timeout: 3_000, interval: 50 },
    );
    expect(Date.now() - began).toBeLessThan(2_500);
  });

  it('learns the synonyms another instance adds', async () => {
    expect(await slugsFor(other.db, 'wauwau')).toEqual([]);
    await addSynonyms(testApp.database.db, 'test', ['wauwau', 'hund']);
    await vi.waitFor(
      async () => expect(await slugsFor(other.db, 'wauwau')).toEqual(['enregistrement-chien-sion']),
      { timeout: 3_000, interval: 50 },
    );
  });

  it('answers from the index it has while it asks the database for changes', async () => {
    expect(await slugsFor(other.db, 'chien')).toEqual(['enregistrement-chien-sion']);
    const release = await lockTable('catalogue_search_changes');
    try {
      await pause(1_100); // the next search asks for changes, and that question waits on the lock
      expect(await settlesWithin(slugsFor(other.db, 'chien'), 500)).toBe(true);
      expect(await settlesWithin(slugsFor(other.db, 'hund'), 500)).toBe(true);
    } finally {
      await release();
    }
  });

  it('answers from the old index while it builds a new one', async () => {
    expect(await slugsFor(other.db, 'stupefiants')).toContain('etat-mensuel-stupefiants');
    // A withdrawal among more changes than are kept (or a restore): only a new index can know it.
    await sql`update catalogue_services set state = 'withdrawn' where slug = 'etat-mensuel-stupefiants'`.execute(
      testApp.database.db,
    );
    await sql`delete from catalogue_search_changes`.execute(testApp.database.db);
    await sql`update catalogue_search_generation set generation = generation + 5000`.execute(
      testApp.database.db,
    );
    const release = await lockTable('catalogue_services'); // the rebuild's reading waits on it
    try {
      await pause(1_100);
      const during = slugsFor(other.db, 'stupefiants');
      expect(await settlesWithin(during, 500)).toBe(true);
      expect(await during).toContain('etat-mensuel-stupefiants');
    } finally {
      await release();
    }
    await vi.waitFor(
      async () => expect(await slugsFor(other.db, 'stupefiants')).not.toContain('etat-mensuel-stupefiants'),
      { timeout: 3_000, interval: 50 },
    );
  });

  it('waits for the database rather than answer from an index more than 5 s old', async () => {
    expect(await slugsFor(other.db, 'betreibung')).toContain('extrait-registre-poursuites');
    await withdraw('extrait-registre-poursuites');
    const release = await lockTable('catalogue_search_changes');
    let search: Promise<string[]> | undefined;
    try {
      await pause(5_100);
      search = slugsFor(other.db, 'betreibung');
      expect(await settlesWithin(search, 500)).toBe(false);
    } finally {
      await release();
    }
    expect(await search).not.toContain('extrait-registre-poursuites');
  });
});
