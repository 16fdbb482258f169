// Profiling harness (not part of npm run bench): sends filled drafts in-process, as the bench's durable
// submission does, and prints per submit the Node CPU and the database queries.
// Run: PROFILE=/tmp/submit.cpuprofile SHOW=1 tsx bench/profile-submit.ts
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from '../src/platform/config/config.ts';
import { masterKeysFor } from '../src/platform/crypto/master-keys.ts';
import { connectDatabase, ensureDatabaseExists } from '../src/platform/database/database.ts';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { buildApp, migrate } from '../src/runtime/build-app.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { publishBenchForm } from './fixtures.ts';
import { httpClient, queriesAndProfile } from './measure.ts';
import { createCitizens, type FilledDraft, fillDrafts, submitFilled } from './submission.ts';

const count = Number(process.env.COUNT ?? 1000);
const clients = Number(process.env.CLIENTS ?? 8);
const logger = createLogger('warn');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-prof-'));
const postgres = await startEmbeddedPostgres({ dataDir, logger, persistent: false });
const database = connectDatabase(await ensureDatabaseExists(postgres.url, 'prof'), () => undefined, {
  genericPlans: Number(process.env.DATABASE_GENERIC_PLANS ?? 4),
});
try {
  const { db } = database;
  await migrate(db, database.pool);
  await seedDemo(db);
  const config = loadConfig({
    GUICHET_DEMO: 'true',
    GUICHET_DATA_DIR: dataDir,
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'warn',
  });
  const { app } = await buildApp({ config, db, logger: createLogger('silent') });
  // Over loopback as the bench does: the write limit and the login throttle go by the client's address.
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const guichet = httpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 16);
  const form = await publishBenchForm(db);
  const citizens = await createCitizens(db, guichet, form.id, 64, 8);
  const keys = await masterKeysFor(config, db);
  // 8 clients at once, as the bench's measure.
  const send = async (drafts: FilledDraft[]) => {
    let next = 0;
    const worker = async () => {
      for (let d = drafts[next++]; d; d = drafts[next++]) await submitFilled(guichet, d);
    };
    await Promise.all(Array.from({ length: clients }, worker));
  };
  await send(await fillDrafts(db, keys, form, citizens, 64)); // warm
  const drafts = await fillDrafts(db, keys, form, citizens, count, 64);
  const measure = queriesAndProfile({ show: !!process.env.SHOW, profile: process.env.PROFILE });
  await measure.start();
  const started = performance.now();
  await send(drafts);
  const ms = (performance.now() - started) / count;
  const { cpuMs, queries, statements } = await measure.stop(count);
  process.stdout.write(
    `submit: ${ms.toFixed(3)} ms/request, ${cpuMs.toFixed(3)} ms of Node CPU/request, ${queries.toFixed(2)} queries/request\n`,
  );
  if (process.env.SHOW) process.stdout.write(`${statements.join('\n')}\n`);
  server.close();
} finally {
  await database.close();
  await postgres.stop();
  await rm(dataDir, { recursive: true, force: true });
}
