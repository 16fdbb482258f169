// npm run bench: the rendered canton home page against a bare node:http hello world, in the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from '../src/platform/config/config.ts';
import { connectDatabase, ensureDatabaseExists } from '../src/platform/database/database.ts';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { buildApp, migrate } from '../src/runtime/build-app.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { compare } from './load.ts';

const logger = createLogger('warn');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-bench-'));
const postgres = await startEmbeddedPostgres({ dataDir, logger, persistent: false });
const database = connectDatabase(await ensureDatabaseExists(postgres.url, 'bench'), () => undefined);

try {
  await migrate(database.db, database.pool);
  await seedDemo(database.db);
  const { app } = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'warn' }),
    db: database.db,
    logger: createLogger('silent'),
  });
  const guichet = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  const bare = http.createServer((_request, response) => response.end('<!DOCTYPE html><p>Hello</p>'));
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;

  const result = await compare({
    candidate: `http://127.0.0.1:${portOf(guichet)}/`,
    baseline: `http://127.0.0.1:${portOf(bare)}/`,
    rounds: 5,
    requests: 2000,
    concurrency: 16,
  });
  process.stdout.write(
    [
      'canton home page (rendered from the database) vs bare node:http hello world',
      `  ratio            ${result.ratio.toFixed(3)}  (1.0 = as fast as the baseline)`,
      `  median req/s     ${Math.round(result.candidate)} vs ${Math.round(result.baseline)} (this machine, this run only)`,
      '',
    ].join('\n'),
  );
  guichet.close();
  bare.close();
} finally {
  await database.close();
  await postgres.stop();
  await rm(dataDir, { recursive: true, force: true });
}
