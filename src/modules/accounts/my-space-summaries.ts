import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { MySpaceSection } from '../../platform/module.ts';

/**
 * Every section's summary for the account in use, read in one statement (`select (…) as s0, (…) as s1`):
 * each module still writes its own SQL, the page pays one round trip for all of it.
 */
export async function readSummaries(
  db: Db,
  sections: MySpaceSection[],
  actor: PersonActor,
): Promise<unknown[]> {
  const columns = sections.flatMap((section, i) => {
    const summary = section.summary?.(actor);
    return summary ? [sql`(${summary}) as ${sql.ref(`s${i}`)}`] : [];
  });
  if (columns.length === 0) return [];
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(columns)}`.execute(db);
  return sections.map((_, i) => rows[0]?.[`s${i}`]);
}
