import type { ColumnType, Generated, Selectable } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';

/** The register's own tables (see its migration). */
export interface HealthRegisterTables {
  simulator_health_register_settings: {
    id: number;
    api_key: string;
    read_token: string;
    change_form_id: string;
    authorisation_form_id: string;
    guichet_url: string | null;
    endpoint_id: string | null;
    webhook_secret: string | null;
  };
  simulator_health_professionals: {
    gln: string;
    avs: string | null;
    given_names: string;
    family_name: string;
    profession: string;
    street: string;
    postcode: string;
    town: string;
    phone: string | null;
    email: string | null;
    languages: string[];
    sites: string[];
    practice_authorised_on: string | null;
    practice_reference: string | null;
    billing_authorised_on: string | null;
    billing_reference: string | null;
  };
  simulator_health_institutions: {
    uid: string;
    name: string;
    kind: 'hospital' | 'pharmacy' | 'clinic';
    street: string;
    postcode: string;
    town: string;
    phone: string | null;
    email: string | null;
    languages: string[];
    sites: string[];
  };
  simulator_health_register_changes: {
    id: Generated<string>;
    entry: string;
    item: string;
    old_value: string | null;
    new_value: string | null;
    request_id: string | null;
    reference: string | null;
    changed_at: ColumnType<Date, Date | undefined, Date>;
  };
}
export type RegisterSettings = Selectable<HealthRegisterTables['simulator_health_register_settings']>;
export type Professional = Selectable<HealthRegisterTables['simulator_health_professionals']>;
export type Institution = Selectable<HealthRegisterTables['simulator_health_institutions']>;
export type RegisterChange = Selectable<HealthRegisterTables['simulator_health_register_changes']>;

export const register = (db: Db) => tablesOf<HealthRegisterTables>(db);

export const settingsOf = (db: Db) =>
  register(db)
    .selectFrom('simulator_health_register_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();

export const professionalByGln = (db: Db, gln: string) =>
  register(db)
    .selectFrom('simulator_health_professionals')
    .selectAll()
    .where('gln', '=', gln)
    .executeTakeFirst();

export const professionalByAvs = (db: Db, avs: string) =>
  register(db)
    .selectFrom('simulator_health_professionals')
    .selectAll()
    .where('avs', '=', avs)
    .executeTakeFirst();

export const institutionByUid = (db: Db, uid: string) =>
  register(db)
    .selectFrom('simulator_health_institutions')
    .selectAll()
    .where('uid', '=', uid)
    .executeTakeFirst();

/** What was changed in an entry, the latest first. */
export const historyOf = (db: Db, entry: string) =>
  register(db)
    .selectFrom('simulator_health_register_changes')
    .selectAll()
    .where('entry', '=', entry)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .execute();

export const listProfessionals = (db: Db) =>
  register(db).selectFrom('simulator_health_professionals').selectAll().orderBy('family_name').execute();
