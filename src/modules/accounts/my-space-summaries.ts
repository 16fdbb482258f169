import { type Expression, sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import { executeWithGenericPlan } from '../../platform/database/generic-plans.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { MySpaceSection } from '../../platform/module.ts';

/**
 * Every section's summary for the account in use, and the page's own `extra` expressions, read in one
 * statement (`select (…) as s0, (…) as s1, (…) as x_name`): each module still writes its own SQL, the
 * page pays one round trip for all of it.
 */
export async function readSummaries<K extends string>(
  db: Db,
  sections: MySpaceSection[],
  actor: PersonActor,
  extra: Record<K, Expression<unknown>>,
): Promise<{ summaries: unknown[]; extra: Record<K, unknown> }> {
  const columns = sections.flatMap((section, i) => {
    const summary = section.summary?.(actor);
    return summary ? [sql`(${summary}) as ${sql.ref(`s${i}`)}`] : [];
  });
  const names = Object.keys(extra) as K[];
  for (const name of names) columns.push(sql`(${extra[name]}) as ${sql.ref(`x_${name}`)}`);
  const row =
    columns.length === 0
      ? {}
      : ((
          await executeWithGenericPlan(
            db,
            sql<Record<string, unknown>>`select ${sql.join(columns)}`.compile(db),
          )
        ).rows[0] ?? {});
  return {
    summaries: sections.map((_, i) => row[`s${i}`]),
    extra: Object.fromEntries(names.map((name) => [name, row[`x_${name}`]])) as Record<K, unknown>,
  };
}
