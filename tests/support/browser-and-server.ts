import type { Runner } from 'graphile-worker';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { serveTestApp } from './serve-test-app.ts';
import { startTestWorker } from './test-app.ts';

/**
 * A browser and a served Guichet (with `worker: true`, its job worker too) for a browser test file:
 * started before its tests, stopped after them (after the file's own `afterAll`s). Its fields are set
 * once the `beforeAll` ran: read them in tests and in hooks registered after this call.
 *
 * @example const e2e = useBrowserAndServer({ worker: true }); … loggedInAs(e2e.browser, e2e.server.url, 'Anne Zufferey')
 */
export function useBrowserAndServer(
  options: { worker?: boolean; app?: Parameters<typeof serveTestApp>[0] } = {},
) {
  const started = {} as {
    browser: Browser;
    server: Awaited<ReturnType<typeof serveTestApp>>;
    worker?: Runner;
  };
  beforeAll(async () => {
    [started.browser, started.server] = await Promise.all([launchBrowser(), serveTestApp(options.app)]);
    if (options.worker) started.worker = await startTestWorker(started.server);
  });
  afterAll(async () => {
    await started.worker?.stop();
    await started.browser?.close();
    await started.server?.close();
  });
  return started;
}
