import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createTestApp, type TestAppOptions } from './test-app.ts';

/** The test app on a real loopback socket, for the browser. */
export async function serveTestApp(options: TestAppOptions = {}) {
  const testApp = await createTestApp(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: testApp.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...testApp,
    url,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
    },
  };
}
