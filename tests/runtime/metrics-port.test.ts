import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config/config.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { type Running, startServer } from '../../src/runtime/serve.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let running: Running | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(async () => {
  await running?.stop();
  await database.drop();
});

// Whole processes start here (tsx, PostgreSQL): seconds each on a busy machine.
describe('a deployment with METRICS_PORT', { timeout: 120_000 }, () => {
  it('serves /metrics on that listener only, never on the site’s port', async () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      MASTER_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
      COMMERCIAL_REGISTER_URL: 'http://127.0.0.1:9/commercial-register',
    });
    running = await startServer({
      config,
      database: { ...database, shutdown: database.drop },
      logger: createLogger('silent'),
      withWorker: false,
    });
    expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${running.url}/metrics`)).status).toBe(404);
    const scraped = await fetch(`http://127.0.0.1:${running.metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('guichet_http_requests_total{method="GET",route="/health/live"');
  });
});
