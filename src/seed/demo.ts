import { countAuthorities, demoAuthorities, upsertAuthority } from '../modules/authorities/index.ts';
import type { Db } from '../platform/database/database.ts';

/** Loads the demo data; safe to run again (everything is keyed by slug). */
export async function seedDemo(db: Db): Promise<void> {
  for (const authority of demoAuthorities) await upsertAuthority(db, 'cli:seed', authority);
}

export async function isEmpty(db: Db): Promise<boolean> {
  return (await countAuthorities(db)) === 0;
}
