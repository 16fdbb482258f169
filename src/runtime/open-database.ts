import type { Config } from '../platform/config/config.ts';
import type { Database } from '../platform/database/database.ts';
import { startEmbeddedPostgres } from '../platform/database/embedded-postgres.ts';
import type { Logger } from '../platform/logging/logger.ts';

export interface OpenDatabase extends Database {
  url: string;
  /** Closes the pool and, for the embedded server, stops PostgreSQL. */
  shutdown(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; otherwise a real PostgreSQL embedded in the data folder (`onProcessRunning`:
 * as soon as its own process works, see `startEmbeddedPostgres`).
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  onProcessRunning?: () => void,
): Promise<OpenDatabase> {
  const onError = (error: Error) => logger.warn({ err: error }, 'idle database connection lost');
  const options = {
    genericPlans: config.databaseGenericPlans,
    onTooManyPlans: () =>
      logger.warn('over 200 statement texts asked for generic plans: the others run unnamed'),
  };
  // Kysely and pg (~290 modules) load once PostgreSQL's own process works, not before it starts.
  const connecting = () => import('../platform/database/database.ts');
  if (config.databaseUrl) {
    const { connectDatabase } = await connecting();
    const database = connectDatabase(config.databaseUrl, onError, options);
    return { ...database, url: config.databaseUrl, shutdown: () => database.close() };
  }
  const server = await startEmbeddedPostgres({ dataDir: config.dataDir, logger, onProcessRunning });
  logger.info({ dataDir: config.dataDir }, 'embedded PostgreSQL started');
  try {
    const { connectDatabase, ensureDatabaseExists } = await connecting();
    const url = await ensureDatabaseExists(server.url, 'guichet');
    const database = connectDatabase(url, onError, options);
    return {
      ...database,
      url,
      async shutdown() {
        await database.close();
        await server.stop();
        logger.info('embedded PostgreSQL stopped');
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
