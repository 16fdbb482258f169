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

describe('work to finish before the server is ready (the demo applications connecting)', {
  timeout: 120_000,
}, () => {
  it('lets only the API, the simulators and the liveness probe through meanwhile, then serves everything', async () => {
    const during: Record<string, { status: number; retryAfter: string | null }> = {};
    running = await startServer({
      config: loadConfig({ GUICHET_DEMO: 'true', PORT: '0', HOST: '127.0.0.1' }),
      database: { ...database, shutdown: database.drop },
      logger: createLogger('silent'),
      withWorker: false,
      async beforeReady(url) {
        for (const path of [
          '/',
          '/health/ready',
          '/health/live',
          '/api/v1/requests',
          '/simulators/communal-erp/dogs',
        ]) {
          const response = await fetch(`${url}${path}`);
          during[path] = { status: response.status, retryAfter: response.headers.get('retry-after') };
        }
      },
    });
    expect(during['/']).toEqual({ status: 503, retryAfter: '1' });
    expect(during['/health/ready']).toEqual({ status: 503, retryAfter: '1' });
    // Alive though not ready: an orchestrator must not restart it for starting.
    expect(during['/health/live']?.status).toBe(200);
    expect(during['/api/v1/requests']?.status).toBe(401); // answered by the API: no key
    expect(during['/simulators/communal-erp/dogs']?.status).toBe(200);
    expect((await fetch(`${running.url}/`)).status).toBe(200);
    expect((await fetch(`${running.url}/health/live`)).status).toBe(200);
  });
});
