import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createTestApp, type TestAppOptions } from './test-app.ts';

/** The test app on a real loopback socket, for the browser and for OpenID Connect round trips. */
export async function serveTestApp(options: TestAppOptions & { hostname?: 'localhost' } = {}) {
  let fetchApp: ((request: Request, env: unknown) => Response | Promise<Response>) | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      {
        fetch: (request, env) => fetchApp?.(request, env) ?? new Response('Starting', { status: 503 }),
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(s),
    );
  });
  // WebAuthn refuses an IP address as relying-party id: passkey tests address the server by name.
  const url = `http://${options.hostname ?? '127.0.0.1'}:${(server.address() as AddressInfo).port}`;
  const testApp = await createTestApp({ ...options, env: { PUBLIC_URL: url, ...options.env } });
  fetchApp = testApp.app.fetch;
  return {
    ...testApp,
    url,
    async close() {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
    },
  };
}
