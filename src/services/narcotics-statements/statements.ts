import { type AuditEvent, audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { emitEvent } from '../../platform/events/emit-event.ts';
import { previousMonth } from './controls.ts';
import { checkRows, isBlank, type RawRow, type RowError, type StatementRow } from './statement-rows.ts';
import type { NarcoticsTables, StatementStatus } from './tables.ts';

export const narcotics = (db: Db) => tablesOf<NarcoticsTables>(db);

export interface Statement {
  id: string;
  authorityId: string;
  pharmacyUid: string;
  pharmacyName: string;
  accountId: string | null;
  month: string;
  status: StatementStatus;
  rows: RawRow[] | StatementRow[];
  source: 'portal' | 'register';
  signedOffName: string | null;
  filedAt: Date | null;
}

const columns = [
  'id',
  'authority_id',
  'pharmacy_uid',
  'pharmacy_name',
  'account_id',
  'month',
  'status',
  'rows',
  'source',
  'signed_off_name',
  'filed_at',
] as const;

type Row = Pick<NarcoticsTables['narcotics_statements'], Exclude<(typeof columns)[number], 'id'>> & {
  id: string;
};
const statementOf = (r: Row): Statement => ({
  id: r.id,
  authorityId: r.authority_id,
  pharmacyUid: r.pharmacy_uid,
  pharmacyName: r.pharmacy_name,
  accountId: r.account_id,
  month: r.month,
  status: r.status,
  rows: r.rows,
  source: r.source,
  signedOffName: r.signed_off_name,
  filedAt: r.filed_at,
});

/** A pharmacy as the service knows it: its organisation's UID and name, and its account in the portal. */
export interface Pharmacy {
  uid: string;
  name: string;
  accountId: string;
}

/** Who does a step: a person, for the account they act in (their own pharmacy's or under a mandate). */
export interface Filer {
  personId: string;
  name: string;
}

export async function statementFor(
  db: Db,
  authorityId: string,
  pharmacyUid: string,
  month: string,
): Promise<Statement | undefined> {
  const row = await narcotics(db)
    .selectFrom('narcotics_statements')
    .select(columns)
    .where('authority_id', '=', authorityId)
    .where('pharmacy_uid', '=', pharmacyUid)
    .where('month', '=', month)
    .executeTakeFirst();
  return row && statementOf(row);
}

export async function statementById(db: Db, authorityId: string, id: string): Promise<Statement | undefined> {
  const row = await narcotics(db)
    .selectFrom('narcotics_statements')
    .select(columns)
    .where('authority_id', '=', authorityId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && statementOf(row);
}

/** A pharmacy's statements, latest month first. */
export async function statementsOfPharmacy(db: Db, authorityId: string, pharmacyUid: string) {
  const rows = await narcotics(db)
    .selectFrom('narcotics_statements')
    .select(columns)
    .where('authority_id', '=', authorityId)
    .where('pharmacy_uid', '=', pharmacyUid)
    .orderBy('month', 'desc')
    .execute();
  return rows.map(statementOf);
}

export class StatementFiled extends Error {}

const step =
  (filer: Filer, pharmacy: Pharmacy, authorityId: string, action: string, details: object = {}) =>
  (id: string): AuditEvent => ({
    actor: `person:${filer.personId}`,
    onBehalfOf: `account:${pharmacy.accountId}`,
    action,
    subjectType: 'narcoticsStatement',
    subjectId: id,
    authorityId,
    details: { ...details },
  });

/**
 * Keeps a month's lines as typed (a draft): nothing typed is lost, whatever its problems. A statement
 * waiting for sign-off that is changed is a draft again; a filed one is never changed here.
 */
export async function saveDraft(
  db: Db,
  filer: Filer,
  input: { authorityId: string; pharmacy: Pharmacy; month: string; rows: RawRow[] },
): Promise<string> {
  const rows = input.rows.filter((row) => !isBlank(row));
  return audited(db, step(filer, input.pharmacy, input.authorityId, 'narcotics.saveDraft'), async (tx) => {
    const saved = await narcotics(tx)
      .insertInto('narcotics_statements')
      .values({
        authority_id: input.authorityId,
        pharmacy_uid: input.pharmacy.uid,
        pharmacy_name: input.pharmacy.name,
        account_id: input.pharmacy.accountId,
        month: input.month,
        status: 'draft',
        rows: JSON.stringify(rows) as never,
        source: 'portal',
        prepared_by: filer.personId,
      })
      .onConflict((oc) =>
        oc
          .columns(['authority_id', 'pharmacy_uid', 'month'])
          .doUpdateSet({
            status: 'draft',
            rows: JSON.stringify(rows) as never,
            prepared_by: filer.personId,
            updated_at: new Date(),
          })
          .where('narcotics_statements.status', '!=', 'filed'),
      )
      .returning('id')
      .executeTakeFirst();
    if (!saved) throw new StatementFiled();
    return saved.id;
  });
}

/** The lines of the pharmacy's month before, without their doses: the patients usually go on. */
export async function linesOfPreviousMonth(
  db: Db,
  authorityId: string,
  pharmacyUid: string,
  month: string,
): Promise<RawRow[]> {
  const previous = await statementFor(db, authorityId, pharmacyUid, previousMonth(month));
  if (!previous) return [];
  return previous.rows.map((row) => ({
    patientCode: row.patientCode,
    product: row.product,
    strength: row.strength,
    prescriberGln: row.prescriberGln,
    doses: Array.from({ length: 31 }, () => ''),
  }));
}

export type FilingOutcome =
  | { outcome: 'filed' | 'awaitingSignOff'; id: string }
  | { outcome: 'problems'; errors: RowError[] };

/**
 * Files a month once every line is right: signed off when the responsible pharmacist does it,
 * otherwise waiting for their sign-off. Filing tells the receiving authority's applications
 * (`narcotics.statement_filed`), which read it through the API.
 */
export async function fileStatement(
  db: Db,
  filer: Filer & { responsible: boolean },
  input: { authorityId: string; pharmacy: Pharmacy; month: string; rows: RawRow[] },
): Promise<FilingOutcome> {
  const { rows, errors } = checkRows(input.month, input.rows);
  if (errors.length > 0) return { outcome: 'problems', errors };
  const status: StatementStatus = filer.responsible ? 'filed' : 'awaitingSignOff';
  const event = step(filer, input.pharmacy, input.authorityId, `narcotics.${status}`, { lines: rows.length });
  const id = await audited(db, event, async (tx) => {
    const saved = await narcotics(tx)
      .insertInto('narcotics_statements')
      .values({
        authority_id: input.authorityId,
        pharmacy_uid: input.pharmacy.uid,
        pharmacy_name: input.pharmacy.name,
        account_id: input.pharmacy.accountId,
        month: input.month,
        status,
        rows: JSON.stringify(status === 'filed' ? rows : input.rows.filter((r) => !isBlank(r))) as never,
        source: 'portal',
        prepared_by: filer.personId,
        ...(status === 'filed' && {
          signed_off_by: filer.personId,
          signed_off_name: filer.name,
          filed_at: new Date(),
        }),
      })
      .onConflict((oc) =>
        oc
          .columns(['authority_id', 'pharmacy_uid', 'month'])
          .doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            rows: eb.ref('excluded.rows'),
            signed_off_by: eb.ref('excluded.signed_off_by'),
            signed_off_name: eb.ref('excluded.signed_off_name'),
            filed_at: eb.ref('excluded.filed_at'),
            updated_at: new Date(),
          }))
          .where('narcotics_statements.status', '!=', 'filed'),
      )
      .returning('id')
      .executeTakeFirst();
    if (!saved) throw new StatementFiled();
    if (status === 'filed')
      await emitEvent(tx, {
        type: 'narcotics.statement_filed',
        authorityId: input.authorityId,
        subject: `narcoticsStatement:${saved.id}`,
        data: { statement: { id: saved.id, month: input.month, pharmacyUid: input.pharmacy.uid } },
      });
    return saved.id;
  });
  return { outcome: status, id };
}

/**
 * A month the cantonal register received outside the portal (before it, or on paper), handed in by
 * its application through the API so that the controls see every month; a month filed in the portal
 * is never replaced.
 */
export async function recordRegisterStatement(
  db: Db,
  client: string,
  input: {
    authorityId: string;
    pharmacyUid: string;
    pharmacyName: string;
    month: string;
    rows: StatementRow[];
  },
): Promise<{ id: string; created: boolean }> {
  return audited(
    db,
    (result: { id: string; created: boolean }) => ({
      actor: `api:${client}`,
      action: 'narcotics.recordFromRegister',
      subjectType: 'narcoticsStatement',
      subjectId: result.id,
      authorityId: input.authorityId,
      details: { month: input.month, lines: input.rows.length, created: result.created },
    }),
    async (tx) => {
      const inserted = await narcotics(tx)
        .insertInto('narcotics_statements')
        .values({
          authority_id: input.authorityId,
          pharmacy_uid: input.pharmacyUid,
          pharmacy_name: input.pharmacyName,
          account_id: null,
          month: input.month,
          status: 'filed',
          rows: JSON.stringify(input.rows) as never,
          source: 'register',
          filed_at: new Date(),
        })
        .onConflict((oc) => oc.columns(['authority_id', 'pharmacy_uid', 'month']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { id: inserted.id, created: true };
      const known = await statementFor(tx, input.authorityId, input.pharmacyUid, input.month);
      return { id: known?.id ?? '', created: false };
    },
  );
}
