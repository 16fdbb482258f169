import type { Selectable } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';

/** The register's own tables (see its migration). */
export interface DebtRegisterTables {
  simulator_debt_settings: {
    id: number;
    api_key: string;
    form_id: string;
    guichet_url: string | null;
    endpoint_id: string | null;
    webhook_secret: string | null;
  };
  simulator_debt_debtors: {
    id: number;
    avs: string | null;
    uid: string | null;
    name: string;
    date_of_birth: string | null;
    town: string;
  };
  simulator_debt_proceedings: {
    number: string;
    debtor_id: number;
    creditor: string;
    amount_cents: number;
    started_on: string;
    stage: ProceedingStage;
  };
  simulator_debt_extracts: {
    request_id: string;
    reference: string;
    outcome: 'clear' | 'entries' | 'ambiguous';
    serial: string | null;
    answered_at: Date;
  };
}
export type ProceedingStage = 'payment_order' | 'opposition' | 'seizure' | 'paid' | 'loss_certificate';
export type Debtor = Selectable<DebtRegisterTables['simulator_debt_debtors']>;
export type Proceeding = Selectable<DebtRegisterTables['simulator_debt_proceedings']>;

export const register = (db: Db) => tablesOf<DebtRegisterTables>(db);

export const settingsOf = (db: Db) =>
  register(db).selectFrom('simulator_debt_settings').selectAll().where('id', '=', 1).executeTakeFirst();

export const allDebtors = (db: Db) =>
  register(db).selectFrom('simulator_debt_debtors').selectAll().orderBy('id').execute();

export const proceedingsOf = (db: Db, debtorIds: number[]) =>
  debtorIds.length === 0
    ? Promise.resolve([] as Proceeding[])
    : register(db)
        .selectFrom('simulator_debt_proceedings')
        .selectAll()
        .where('debtor_id', 'in', debtorIds)
        .orderBy('started_on')
        .execute();

/** What the register answered a request: once, so that a delivery again finds it. */
export async function recordExtract(
  db: Db,
  extract: {
    requestId: string;
    reference: string;
    outcome: 'clear' | 'entries' | 'ambiguous';
    serial?: string;
  },
): Promise<void> {
  await register(db)
    .insertInto('simulator_debt_extracts')
    .values({
      request_id: extract.requestId,
      reference: extract.reference,
      outcome: extract.outcome,
      serial: extract.serial ?? null,
      answered_at: new Date(),
    })
    .onConflict((oc) =>
      oc.column('request_id').doUpdateSet({ outcome: extract.outcome, serial: extract.serial ?? null }),
    )
    .execute();
}

export const extracts = (db: Db) =>
  register(db).selectFrom('simulator_debt_extracts').selectAll().orderBy('answered_at').execute();
