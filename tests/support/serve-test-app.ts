import { listenFirst } from '../../src/runtime/serve.ts';
import { createTestApp, type TestAppOptions } from './test-app.ts';

/** The test app on a real loopback socket, for the browser and for OpenID Connect round trips. */
export async function serveTestApp(options: TestAppOptions & { hostname?: 'localhost' } = {}) {
  const { server, port, attach } = await listenFirst(0, '127.0.0.1');
  // WebAuthn refuses an IP address as relying-party id: passkey tests address the server by name.
  const url = `http://${options.hostname ?? '127.0.0.1'}:${port}`;
  const testApp = await createTestApp({ ...options, env: { PUBLIC_URL: url, ...options.env } });
  attach(testApp.app.fetch);
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
