import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connectDatabase, ensureDatabaseExists } from '../../src/platform/database/database.ts';
import { startEmbeddedPostgres } from '../../src/platform/database/embedded-postgres.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { migrate } from '../../src/runtime/build-app.ts';

export const TEMPLATE_DATABASE = 'guichet_template';

/**
 * One throw-away PostgreSQL for the whole run, with a template database migrated once; each test file
 * clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger('warn');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-test-'));
  const server = await startEmbeddedPostgres({ dataDir, logger, persistent: false });
  const templateUrl = await ensureDatabaseExists(server.url, TEMPLATE_DATABASE);
  const template = connectDatabase(templateUrl, (error) => logger.warn({ err: error }));
  await migrate(template.db, template.pool);
  await template.close();
  project.provide('postgresUrl', server.url);
  return async () => {
    await server.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
