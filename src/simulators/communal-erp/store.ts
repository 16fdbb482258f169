import { type Generated, type Selectable, sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';

/** The ERP's own tables (see its migration). */
export interface ErpTables {
  simulator_erp_settings: {
    id: number;
    api_key: string;
    form_id: string;
    guichet_url: string | null;
    endpoint_id: string | null;
    webhook_secret: string | null;
    /** The answer holding the dogs (a table), and its column holding their names. */
    dogs_field: Generated<string>;
    name_field: Generated<string>;
  };
  simulator_erp_dogs: {
    tag: string;
    dog_name: string;
    keeper: string;
    request_id: string | null;
    position: number | null;
    reference: string | null;
    registered_at: Date;
    answered_at: Date | null;
  };
}
export type ErpSettings = Selectable<ErpTables['simulator_erp_settings']>;
export type Dog = Selectable<ErpTables['simulator_erp_dogs']>;

export const erp = (db: Db) => tablesOf<ErpTables>(db);

export const settingsOf = (db: Db) =>
  erp(db).selectFrom('simulator_erp_settings').selectAll().where('id', '=', 1).executeTakeFirst();

export const dogs = (db: Db) => erp(db).selectFrom('simulator_erp_dogs').selectAll().orderBy('tag').execute();

/**
 * The dogs of a request, registered once: a webhook delivered again (or replayed) finds the tags the
 * first delivery gave. Tags go on from the highest given, the register locked meanwhile.
 */
export function registerDogs(
  db: Db,
  request: { id: string; reference: string; keeper: string; dogNames: string[] },
): Promise<Dog[]> {
  return db.transaction().execute(async (tx) => {
    await sql`lock table simulator_erp_dogs in exclusive mode`.execute(tx);
    const known = await erp(tx)
      .selectFrom('simulator_erp_dogs')
      .selectAll()
      .where('request_id', '=', request.id)
      .orderBy('position')
      .execute();
    if (known.length > 0) return known;
    const last = await erp(tx)
      .selectFrom('simulator_erp_dogs')
      .select('tag')
      .orderBy('tag', 'desc')
      .limit(1)
      .executeTakeFirst();
    let next = Number(last?.tag.slice(-4) ?? 0);
    const registered: Dog[] = [];
    for (const [position, dogName] of request.dogNames.entries()) {
      next += 1;
      registered.push(
        await erp(tx)
          .insertInto('simulator_erp_dogs')
          .values({
            tag: `SION-2026-${String(next).padStart(4, '0')}`,
            dog_name: dogName,
            keeper: request.keeper,
            request_id: request.id,
            position,
            reference: request.reference,
            registered_at: new Date(),
            answered_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
    }
    return registered;
  });
}
