// npm run bench: each measure against a baseline taken in the same run, reported as a ratio.
//  - the rendered canton home page against a bare node:http hello world;
//  - catalogue search (typos, compounds, synonyms, ranking) against one raw full-text query;
//  - sealing a PDF (PAdES B-T) against one bare ECDSA P-256 signature (bench/seal.ts);
//  - a five-page PDF made of phone photos against decoding the same JPEGs (document-capture.ts);
//  - verifying a QR code against one bare ECDSA P-256 verification (bench/qr-verification.ts);
//  - the memory of refusing an upload ten times the limit against accepting one at the limit;
//  - camt.054 import of 10,000 credits against parsing the same XML alone;
//  - a 400-patient narcotics statement imported from xlsx against parsing the same file alone.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import {
  createService,
  demoCatalogue,
  publishVersion,
  searchServices,
} from '../src/modules/catalogue/index.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { connectDatabase, type Db, ensureDatabaseExists } from '../src/platform/database/database.ts';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { buildApp, migrate } from '../src/runtime/build-app.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { benchCamtImport } from './camt-import.ts';
import { benchColdStart } from './cold-start.ts';
import { benchDocumentCapture } from './document-capture.ts';
import { searchQueries } from './fixtures.ts';
import { compare, httpGet, report, takeRecorded } from './load.ts';
import { benchMixed } from './mixed.ts';
import { benchNarcoticsImport } from './narcotics-import.ts';
import { benchQrVerification } from './qr-verification.ts';
import { benchScaling } from './scaling.ts';
import { benchSeal } from './seal.ts';
import { benchUploadMemory } from './upload-memory.ts';

// --seconds: each measured phase; --soak: the soak's length (10 minutes unless shorter is asked);
// --only: a comma-separated choice of parts (cold-start, mixed, home, search, scaling, others);
// --scale: 10 (each measure at 1× and 10× the data) or 100 (also 100×).
const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    soak: { type: 'string', default: '600' },
    scale: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
const parts = new Set((options.only ?? 'cold-start,mixed,home,search,scaling,others').split(','));
const results: Record<string, unknown> = {
  at: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
};
const resultsFile = path.resolve(import.meta.dirname, '../test-results/bench/results.json');

if (parts.has('cold-start')) {
  results.coldStart = await benchColdStart();
  process.stdout.write(
    `cold start of npm start on an empty data folder: ${JSON.stringify(results.coldStart)}\n`,
  );
}

const logger = createLogger('warn');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-'));
const postgres = await startEmbeddedPostgres({ dataDir, logger, persistent: false });
const database = connectDatabase(await ensureDatabaseExists(postgres.url, 'bench'), () => undefined);

/** A catalogue the size of a canton's: the demo entries again under 40 variants each (400 services). */
async function growCatalogue(db: Db) {
  for (let variant = 1; variant <= 40; variant++)
    for (const { slug, authority, content } of demoCatalogue) {
      const owner = await getAuthorityBySlug(db, authority);
      if (!owner) continue;
      const name = { ...content.name, fr: `${content.name.fr} ${variant}` };
      const service = await createService(db, 'bench', {
        authorityId: owner.id,
        slug: `${slug}-${variant}`,
        content: { ...content, name },
      });
      await publishVersion(db, 'bench', service, 1);
    }
}

try {
  await migrate(database.db, database.pool);
  await seedDemo(database.db);
  if (parts.has('mixed') || parts.has('search')) await growCatalogue(database.db);
  if (parts.has('mixed'))
    results.mixed = await benchMixed(database, {
      seconds: Number(options.seconds),
      soakSeconds: Number(options.soak),
      dataDir,
    });
  const { app } = await buildApp({
    config: loadConfig({
      LOG_LEVEL: 'warn',
      MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      COMMERCIAL_REGISTER_URL: 'http://127.0.0.1:9/commercial-register',
      METRICS_TOKEN: randomBytes(16).toString('hex'),
    }),
    db: database.db,
    logger: createLogger('silent'),
  });
  if (parts.has('home')) {
    const guichet = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    const bare = http.createServer((_request, response) => response.end('<!DOCTYPE html><p>Hello</p>'));
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;
    results.home = await compare({
      candidate: httpGet(`http://127.0.0.1:${portOf(guichet)}/`, 16),
      baseline: httpGet(`http://127.0.0.1:${portOf(bare)}/`, 16),
      rounds: 5,
      count: 2000,
      concurrency: 16,
    });
    report(
      'canton home page (rendered from the database) vs bare node:http hello world',
      'req',
      results.home as Awaited<ReturnType<typeof compare>>,
    );
    guichet.close();
    bare.close();
  }

  if (parts.has('search')) {
    let next = 0;
    const query = () => searchQueries[next++ % searchQueries.length] ?? '';
    results.search = await compare({
      candidate: async () => {
        await searchServices(database.db, query(), { communeId: null, limit: 20, offset: 0 });
      },
      baseline: async () => {
        await sql`select service_id from catalogue_search
                  where document @@ plainto_tsquery('catalogue_fr', ${query()}) limit 20`.execute(
          database.db,
        );
      },
      rounds: 5,
      count: 1000,
      concurrency: 8,
    });
    report(
      'catalogue search (400 services) vs one raw PostgreSQL full-text query on the same index',
      'search',
      results.search as Awaited<ReturnType<typeof compare>>,
    );
  }

  if (parts.has('scaling'))
    results.scaling = await benchScaling(database, {
      multipliers: Number(options.scale) >= 100 ? [1, 10, 100] : [1, 10],
      dataDir,
      plans: path.join(path.dirname(resultsFile), 'scaling-plans.txt'),
    });
  if (parts.has('others')) {
    takeRecorded();
    await benchUploadMemory(database.db, app);
    await benchSeal(database.db);
    await benchDocumentCapture();
    await benchQrVerification();
    await benchCamtImport(database.db);
    await benchNarcoticsImport(database.db);
    results.others = takeRecorded();
  }
  await mkdir(path.dirname(resultsFile), { recursive: true });
  // Parts run alone (--only) update their own figures and keep the others'.
  const earlier = await readFile(resultsFile, 'utf8').then(JSON.parse, () => ({}));
  await writeFile(resultsFile, `${JSON.stringify({ ...earlier, ...results }, null, 2)}\n`);
  process.stdout.write(`figures written to ${path.relative(process.cwd(), resultsFile)}\n`);
} finally {
  await database.close();
  await postgres.stop();
  await rm(dataDir, { recursive: true, force: true });
}
