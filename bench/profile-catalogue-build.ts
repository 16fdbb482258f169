// Profiling harness (not part of npm run bench): builds a fresh instance's catalogue search index over
// SERVICES published services (default 40,000: copies of the demo catalogue, made with one
// `insert … select generate_series` each, the French name numbered as `npm run bench -- --scale 100`
// does), and says how long the first search waits and how long the build takes.
// Run: SERVICES=40000 node --cpu-prof --cpu-prof-dir=/tmp/catidx bench/profile-catalogue-build.ts
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { searchServices } from '../src/modules/catalogue/index.ts';
import { connectDatabase, ensureDatabaseExists } from '../src/platform/database/database.ts';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { migrate } from '../src/runtime/build-app.ts';
import { seedDemo } from '../src/seed/demo.ts';

const wanted = Number(process.env.SERVICES ?? 40_000);
const logger = createLogger('warn');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-prof-'));
const postgres = await startEmbeddedPostgres({ dataDir, logger, persistent: false });
const url = await ensureDatabaseExists(postgres.url, 'prof');
const database = connectDatabase(url, () => undefined);
try {
  await migrate(database.db, database.pool);
  await seedDemo(database.db);
  const demo = sql`(select * from catalogue_services where state = 'published')`;
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${demo} d`.execute(database.db);
  const copies = Math.ceil(wanted / (rows[0]?.n ?? 1)) - 1;
  await sql`
    with copies as (
      insert into catalogue_services (slug, authority_id, state, latest_version, published_version)
      select d.slug || '-s' || i, d.authority_id, 'published', 1, 1
      from ${demo} d, generate_series(1, ${copies}) i
      returning id, slug, authority_id
    ), sources as (
      select c.id, c.authority_id, v.content, cs.communal, cs.document, split_part(c.slug, '-s', -1) as i
      from copies c
      join catalogue_services d on c.slug = d.slug || '-s' || split_part(c.slug, '-s', -1)
      join catalogue_service_versions v on v.service_id = d.id and v.version = d.published_version
      join catalogue_search cs on cs.service_id = d.id
    ), versions as (
      insert into catalogue_service_versions (service_id, version, content, saved_by)
      select id, 1, jsonb_set(content, '{name,fr}', to_jsonb((content->'name'->>'fr') || ' ' || i)), 'prof'
      from sources
    )
    insert into catalogue_search (service_id, authority_id, communal, document)
    select id, authority_id, communal, document from sources`.execute(database.db);
  const instance = connectDatabase(url, () => undefined);
  const began = performance.now();
  await searchServices(instance.db, 'poursuite', { communeId: null, limit: 20, offset: 0 });
  const firstSearch = performance.now() - began;
  // Only the index finds a misspelt word: it is built once this one is found.
  while (
    (await searchServices(instance.db, 'pursuite', { communeId: null, limit: 20, offset: 0 })).total === 0
  )
    await new Promise((resolve) => setTimeout(resolve, 20));
  const built = performance.now() - began;
  const { count } = await sql<{ count: number }>`select count(*)::int from catalogue_services`
    .execute(database.db)
    .then((r) => r.rows[0] ?? { count: 0 });
  process.stdout.write(
    `${count} services: first search ${firstSearch.toFixed(0)} ms, index built after ${built.toFixed(0)} ms, ` +
      `heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
  );
  await instance.close();
} finally {
  await database.close();
  await postgres.stop();
}
