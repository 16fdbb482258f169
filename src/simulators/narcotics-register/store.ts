import type { Selectable } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { RegisterLine } from './register-data.ts';

/** The narcotics register's own tables (see its migration). */
export interface RegisterTables {
  simulator_narcotics_settings: {
    id: number;
    api_key: string;
    guichet_url: string | null;
    endpoint_id: string | null;
    webhook_secret: string | null;
    /** When the months received before the portal were handed to Guichet. */
    history_sent_at: Date | null;
  };
  simulator_narcotics_pharmacies: { uid: string; name: string; town: string };
  simulator_narcotics_statements: {
    pharmacy_uid: string;
    month: string;
    lines: RegisterLine[];
    /** `paper`: received before the portal; `guichet`: filed in the portal, read through the API. */
    received_from: 'paper' | 'guichet';
    guichet_id: string | null;
    signed_off_by: string | null;
    received_at: Date;
  };
}
export type RegisterSettings = Selectable<RegisterTables['simulator_narcotics_settings']>;

export const register = (db: Db) => tablesOf<RegisterTables>(db);

export const settingsOf = (db: Db) =>
  register(db).selectFrom('simulator_narcotics_settings').selectAll().where('id', '=', 1).executeTakeFirst();

export const statementsOf = (db: Db) =>
  register(db)
    .selectFrom('simulator_narcotics_statements as s')
    .innerJoin('simulator_narcotics_pharmacies as p', 'p.uid', 's.pharmacy_uid')
    .select([
      's.pharmacy_uid',
      'p.name',
      's.month',
      's.lines',
      's.received_from',
      's.guichet_id',
      's.signed_off_by',
    ])
    .orderBy('s.month')
    .orderBy('p.name')
    .execute();
