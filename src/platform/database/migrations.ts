import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database.ts';

/**
 * Forward-only migrations. Each module lists its own; names start with a sortable date and the
 * module name (`2026-11-24-01-authorities-create`) so that all modules share one global order.
 */
export type ModuleMigrations = Record<string, Migration>;

export async function migrateToLatest(db: Db, sets: ModuleMigrations[]): Promise<string[]> {
  const all: Record<string, Migration> = {};
  for (const set of sets) {
    for (const [name, migration] of Object.entries(set)) {
      if (all[name]) throw new Error(`Two migrations are named ${name}`);
      all[name] = migration;
    }
  }
  const provider: MigrationProvider = { getMigrations: async () => all };
  // Kysely's migrator takes a lock table, so instances starting together migrate one at a time.
  const migrator = new Migrator({ db, provider, migrationTableName: 'schema_migrations' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
