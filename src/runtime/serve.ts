import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Runner } from 'graphile-worker';
import type { Config } from '../platform/config/config.ts';
import { metricsApp } from '../platform/http/metrics.ts';
import { startWorker } from '../platform/jobs/worker.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { buildApp } from './build-app.ts';
import type { OpenDatabase } from './open-database.ts';

export interface Running {
  url: string;
  /** The port of the metrics listener, when `METRICS_PORT` asks for one. */
  metricsPort?: number;
  stop(): Promise<void>;
}

/** Serves HTTP and, unless told otherwise, runs the job worker in the same process. */
export async function startServer(options: {
  config: Config;
  database: OpenDatabase;
  logger: Logger;
  withWorker: boolean;
  /**
   * Work to finish before the server is ready, through its own API (the demo's business applications
   * connecting): meanwhile only the API, the simulators' machine routes and the liveness probe (the
   * process is alive: an orchestrator must not restart it) answer, every other request gets 503 —
   * nobody is served half a demo.
   */
  beforeReady?: (url: string) => Promise<void>;
}): Promise<Running> {
  const { database, logger } = options;
  // Listen first: with PORT=0 the address (and so the issuer of the development identity provider)
  // is known only once the port is chosen.
  const { server, port, attach } = await listenFirst(options.config.port, options.config.host);
  const url = options.config.publicUrl.replace(/:\d+$/, `:${port}`);
  const config = { ...options.config, publicUrl: url };
  const { app, jobs, metrics } = await buildApp({ config, db: database.db, logger });
  let ready = !options.beforeReady;
  attach((request, env) =>
    ready || /^\/(api\/|simulators\/|health\/live$)/.test(new URL(request.url).pathname)
      ? app.fetch(request, env)
      : starting(),
  );
  const metricsListener = config.metrics && (await listenFirst(config.metrics.port, config.metrics.host));
  metricsListener?.attach(metricsApp(metrics, config.metricsToken).fetch);
  const runner = options.withWorker ? await runWorker({ ...options, config }, jobs) : undefined;
  try {
    await options.beforeReady?.(url);
  } finally {
    ready = true;
  }
  logger.info(
    { url, worker: Boolean(runner), metricsPort: metricsListener ? metricsListener.port : undefined },
    'Guichet is listening',
  );
  if (!config.clamdUrl)
    logger.warn(
      'no malware scanner (CLAMD_URL unset): uploads are checked by content but not scanned for malware',
    );
  return {
    url,
    metricsPort: metricsListener ? metricsListener.port : undefined,
    async stop() {
      // Stop taking requests, let those in flight finish, then stop the worker between jobs.
      await new Promise<void>((resolve) => server.close(() => resolve()));
      metricsListener?.server.close();
      await runner?.stop();
    },
  };
}

const starting = () => new Response('Starting', { status: 503, headers: { 'retry-after': '1' } });

type FetchHandler = (request: Request, env: unknown) => Response | Promise<Response>;

/**
 * Opens the socket before the app exists, so that the chosen port can go into the app's own address;
 * requests arriving meanwhile get 503 until `attach` hands over the app.
 */
export async function listenFirst(port: number, hostname: string) {
  let handler: FetchHandler | undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      {
        fetch: (request, env) => handler?.(request, env) ?? starting(),
        port,
        hostname,
      },
      () => resolve(s),
    );
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    attach(fetch: FetchHandler) {
      handler = fetch;
    },
  };
}

export async function runWorker(
  options: { config: Config; database: OpenDatabase; logger: Logger },
  jobs: Awaited<ReturnType<typeof buildApp>>['jobs'],
): Promise<Runner> {
  return startWorker({
    pool: options.database.pool,
    db: options.database.db,
    handlers: jobs,
    logger: options.logger,
    concurrency: options.config.workerConcurrency,
  });
}
