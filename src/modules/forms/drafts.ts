import { randomUUID } from 'node:crypto';
import { type Expression, type RawBuilder, sql } from 'kysely';
import { auditEventCall, audited } from '../../platform/audit/audit.ts';
import { currentKey, keyById, type MasterKey, open, seal } from '../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { executeWithGenericPlan } from '../../platform/database/generic-plans.ts';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { addJobCall, enqueue } from '../../platform/jobs/enqueue.ts';
import type { FormDefinition } from './definition.ts';
import type { Form } from './forms.ts';
import type { FormsTables } from './tables.ts';
import type { Answers } from './validate.ts';

const tables = (db: Db) => tablesOf<FormsTables>(db);

export interface Draft {
  id: string;
  formId: string;
  version: number;
  accountId: string;
  personId: string;
  mandateId: string | null;
  answers: Answers;
  step: string | null;
  submittedAt: Date | null;
  updatedAt: Date;
}

const draftColumns = [
  'id',
  'form_id as formId',
  'version',
  'account_id as accountId',
  'person_id as personId',
  'mandate_id as mandateId',
  'answers',
  'step',
  'submitted_at as submittedAt',
  'updated_at as updatedAt',
] as const;

export async function startDraft(
  db: Db,
  start: {
    formId: string;
    version: number;
    accountId: string;
    personId: string;
    mandateId: string | null;
    answers: Answers;
  },
): Promise<Draft> {
  return tables(db)
    .insertInto('form_drafts')
    .values({
      form_id: start.formId,
      version: start.version,
      account_id: start.accountId,
      person_id: start.personId,
      mandate_id: start.mandateId,
      answers: start.answers,
      step: null,
      submitted_at: null,
    })
    .returning(draftColumns)
    .executeTakeFirstOrThrow();
}

/** A draft begun in the account; another account's is absent. */
export async function getDraftOfAccount(db: Db, accountId: string, id: string): Promise<Draft | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db)
    .selectFrom('form_drafts')
    .select(draftColumns)
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/**
 * `getDraftOfAccount` with its form and the definition of the draft's version, in one round trip:
 * every step of the form runner needs the three.
 */
export async function getDraftInForm<T = null, K = null>(
  db: Db,
  accountId: string,
  id: string,
  /** What another module says of the form, as an SQL expression on its id: read in the same query. */
  about?: (formId: RawBuilder<string>) => RawBuilder<T>,
  /** Runs the query, if not alone: within a statement of the caller's (the submit's rate-limit hit). */
  run?: <Row>(query: Expression<Row>) => Promise<Row | undefined>,
  /**
   * For the step page: what is kept for the step it shows (`asked`, else the draft's own step, else
   * the form's first, as the page chooses), as an SQL expression on the draft's id and that step's id.
   */
  atStep?: {
    asked: string | undefined;
    read: (draft: { id: RawBuilder<string>; step: RawBuilder<string> }) => RawBuilder<K>;
  },
): Promise<{ draft: Draft; form: Form; definition: FormDefinition; about: T; atStep: K | null } | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const query = tables(db)
    .selectFrom('form_drafts as d')
    .innerJoin('forms as f', 'f.id', 'd.form_id')
    .innerJoin('form_versions as v', (join) =>
      join.onRef('v.form_id', '=', 'd.form_id').onRef('v.version', '=', 'd.version'),
    )
    .select(draftColumns.map((column) => `d.${column}` as const))
    .select([
      'f.authority_id as formAuthorityId',
      'f.name as formName',
      'f.latest_version as formLatestVersion',
      'f.published_version as formPublishedVersion',
      'f.theme as formTheme',
      'v.definition',
    ])
    .select((about ? about(sql.ref<string>('d.form_id')) : sql<T>`null`).as('about'))
    .select(
      (atStep
        ? atStep.read({
            id: sql<string>`d.id::text`,
            step: sql<string>`coalesce(${atStep.asked ?? null}::text, d.step, v.definition->'steps'->0->>'id', '')`,
          })
        : sql<K | null>`null`
      ).as('atStep'),
    )
    .where('d.id', '=', id)
    .where('d.account_id', '=', accountId);
  const row = run ? await run(query) : await query.executeTakeFirst();
  if (!row) return undefined;
  const {
    formAuthorityId,
    formName,
    formLatestVersion,
    formPublishedVersion,
    formTheme,
    definition,
    about: said,
    atStep: kept,
    ...draft
  } = row;
  const form = {
    id: draft.formId,
    authorityId: formAuthorityId,
    name: formName,
    latestVersion: formLatestVersion,
    publishedVersion: formPublishedVersion,
    theme: formTheme,
  };
  return { draft, form, definition, about: said as T, atStep: kept as K | null };
}

/**
 * The person's latest unfinished draft of a form in an account: the form's start offers it again
 * rather than beginning one more identical draft at every click on "start".
 */
export async function latestUnfinishedDraft(
  db: Db,
  accountId: string,
  personId: string,
  formId: string,
): Promise<{ id: string; updatedAt: Date } | undefined> {
  return tables(db)
    .selectFrom('form_drafts')
    .select(['id', 'updated_at as updatedAt'])
    .where('account_id', '=', accountId)
    .where('person_id', '=', personId)
    .where('form_id', '=', formId)
    .where('submitted_at', 'is', null)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Saves the answers after every step: a draft is never more than one page behind. */
export async function saveAnswers(db: Db, draftId: string, answers: Answers, step: string): Promise<void> {
  await tables(db)
    .updateTable('form_drafts')
    .set({ answers, step, updated_at: sql`now()` })
    .where('id', '=', draftId)
    .where('submitted_at', 'is', null)
    .execute();
}

/**
 * A file attached to an answer (checked by `readUploads`), sealed with the current master key and
 * bound to its own id. One the scanner could not check yet is quarantined, with its scan job enqueued
 * in the same transaction.
 */
export async function storeFile(
  db: Db,
  keys: MasterKey[],
  draftId: string,
  file: { name: string; mime: string; bytes: Buffer; scan: 'clean' | 'pending' | 'unscanned' },
) {
  const id = randomUUID();
  const key = currentKey(keys);
  const quarantined = file.scan === 'pending';
  await db.transaction().execute(async (tx) => {
    await tables(tx)
      .insertInto('form_files')
      .values({
        id,
        draft_id: draftId,
        name: file.name,
        type: file.mime,
        size: file.bytes.length,
        bytes: seal(key.key, file.bytes, `form-file:${id}`),
        key_id: key.id,
        quarantined_at: quarantined ? new Date() : null,
        infected_at: null,
      })
      .execute();
    if (quarantined) await enqueue(tx, 'forms:scan-file', { fileId: id }, { maxAttempts: 1000 });
  });
  return { fileId: id, name: file.name, type: file.mime, size: file.bytes.length };
}

/**
 * A file attached to a submission's answers, opened; nothing when it is not that submission's;
 * `'quarantined'` while the malware scanner has not found it clean (or found it infected).
 */
export async function readSubmittedFile(
  db: Db,
  keys: MasterKey[],
  accountId: string,
  submissionId: string,
  fileId: string,
): Promise<{ name: string; type: string; bytes: Buffer } | 'quarantined' | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(fileId) || !/^[0-9a-f-]{36}$/.test(submissionId)) return undefined;
  const file = await tables(db)
    .selectFrom('form_files')
    .innerJoin('form_submissions', 'form_submissions.draft_id', 'form_files.draft_id')
    .select([
      'form_files.name',
      'form_files.type',
      'form_files.bytes',
      'form_files.key_id',
      'form_files.quarantined_at',
      'form_files.infected_at',
    ])
    .where('form_files.id', '=', fileId)
    .where('form_submissions.id', '=', submissionId)
    .where('form_submissions.account_id', '=', accountId)
    .executeTakeFirst();
  if (!file) return undefined;
  if (file.quarantined_at || file.infected_at) return 'quarantined';
  return {
    name: file.name,
    type: file.type,
    // Files stored before sealing began (key_id null) were kept as sent.
    bytes: file.key_id ? open(keyById(keys, file.key_id), file.bytes, `form-file:${fileId}`) : file.bytes,
  };
}

/**
 * The scan job of a quarantined file: clean, it is released; infected, its bytes are destroyed (the
 * answer then says so). A scanner still down throws, and the job is retried with back-off.
 */
export async function scanQuarantinedFile(
  db: Db,
  keys: MasterKey[],
  scan: (bytes: Buffer) => Promise<'clean' | 'infected'>,
  fileId: string,
): Promise<'clean' | 'infected' | 'gone'> {
  const file = await tables(db)
    .selectFrom('form_files')
    .select(['bytes', 'key_id'])
    .where('id', '=', fileId)
    .where('quarantined_at', 'is not', null)
    .executeTakeFirst();
  if (!file) return 'gone';
  const bytes = file.key_id
    ? open(keyById(keys, file.key_id), file.bytes, `form-file:${fileId}`)
    : file.bytes;
  const verdict = await scan(bytes);
  const scanned = {
    actor: 'system',
    action: verdict === 'clean' ? 'form.file.scan.clean' : 'form.file.scan.infected',
    subjectType: 'form-file',
    subjectId: fileId,
  };
  await audited(db, scanned, (tx) =>
    tables(tx)
      .updateTable('form_files')
      .set(
        verdict === 'clean'
          ? { quarantined_at: null }
          : { quarantined_at: null, infected_at: new Date(), bytes: Buffer.alloc(0), size: 0 },
      )
      .where('id', '=', fileId)
      .execute(),
  );
  return verdict;
}

export interface Submission {
  id: string;
  /** The reference people read and quote; the request opened from the submission takes it. */
  reference: string;
  draftId: string;
  formId: string;
  version: number;
  accountId: string;
  personId: string;
  mandateId: string | null;
  level: AssuranceLevel;
  answers: Answers;
  submittedAt: Date;
  /** Its sealed receipt in the account's documents; null until issued. */
  receiptDocumentId: string | null;
}

const submissionColumns = [
  'id',
  'reference',
  'draft_id as draftId',
  'form_id as formId',
  'version',
  'account_id as accountId',
  'person_id as personId',
  'mandate_id as mandateId',
  'level',
  'answers',
  'submitted_at as submittedAt',
  'receipt_document_id as receiptDocumentId',
] as const;

/** `submissionColumns` read from the `inserted` of an `insert … returning *`. */
const returnedColumns = sql.raw(
  submissionColumns
    .map((column) => column.split(' as '))
    .map(([name, alias]) => (alias ? `inserted.${name} as "${alias}"` : `inserted.${name}`))
    .join(', '),
);

/**
 * Accepts a draft exactly once: the submission is unique per draft, so concurrent or repeated posts
 * (double click, refresh, resend) all get the first one. Records the level of assurance and the acting
 * context (the account, the person, the mandate) with the answers, and in the audit trail: who sent
 * it, for which account, as its representative under which mandate. `form`, when the caller has it
 * at hand, saves reading it.
 */
export async function submitDraft(
  db: Db,
  draft: Draft,
  accepted: { answers: Answers; level: AssuranceLevel },
  form?: Pick<Form, 'id' | 'authorityId'>,
  /** A statement of another module's to run in the same one, given the condition "it was just sent". */
  alongside?: (sent: RawBuilder<unknown>) => RawBuilder<unknown>,
): Promise<{ submission: Submission; created: boolean }> {
  const authorityId =
    form?.id === draft.formId
      ? form.authorityId
      : (
          await tables(db)
            .selectFrom('forms')
            .select('authority_id')
            .where('id', '=', draft.formId)
            .executeTakeFirstOrThrow()
        ).authority_id;
  const id = randomUUID();
  const jobPayload = { submissionId: id, accountId: draft.accountId };
  const event = {
    actor: `person:${draft.personId}`,
    onBehalfOf: draft.mandateId ? `account:${draft.accountId}` : undefined,
    action: 'form.submit',
    subjectType: 'submission',
    subjectId: id,
    authorityId,
    details: {
      form: draft.formId,
      version: draft.version,
      account: draft.accountId,
      representative: draft.mandateId ? draft.personId : null,
      mandate: draft.mandateId,
      level: accepted.level,
    },
  };
  // One statement, so one transaction, accepts it: the submission, the draft marked sent, the jobs
  // (our outbox) that open the request and issue the receipt, what the caller adds `alongside`, and the
  // audit event, last, as the chain's lock is held from there to the commit — or, already sent, none.
  // The draft's row is locked first: a deletion committed meanwhile leaves nothing to insert (rather
  // than a broken reference), and one waiting for the lock then finds the draft sent.
  const statement = sql<Submission & { requestJob: string; receiptJob: string; audited: unknown }>`
    with kept as (select id from form_drafts where id = ${draft.id} for update),
    inserted as (
      insert into form_submissions
        (id, draft_id, form_id, version, account_id, person_id, mandate_id, level, answers)
      select ${id}::uuid, kept.id, ${draft.formId}, ${draft.version}, ${draft.accountId}, ${draft.personId},
             ${draft.mandateId}::uuid, ${accepted.level}, ${JSON.stringify(accepted.answers)}::jsonb
      from kept
      on conflict (draft_id) do nothing
      returning *),
    sent as (
      update form_drafts set submitted_at = now()
      where id = ${draft.id} and exists (select from inserted))${
        alongside ? sql`, alongside as (${alongside(sql`exists (select from inserted)`)})` : sql``
      }
    select ${returnedColumns},
           (${addJobCall('cases:open-from-submission', jobPayload)}).id as "requestJob",
           (${addJobCall('forms:issue-receipt', jobPayload)}).id as "receiptJob",
           ${auditEventCall(event)} as audited
    from inserted`;
  const { rows } = await executeWithGenericPlan(db, statement.compile(db));
  const inserted = rows[0];
  if (!inserted) {
    const submission = await tables(db)
      .selectFrom('form_submissions')
      .select(submissionColumns)
      .where('draft_id', '=', draft.id)
      .executeTakeFirst();
    // Neither sent nor there: deleted by its person since it was read.
    if (!submission) throw notFound();
    return { submission, created: false };
  }
  const { requestJob, receiptJob, audited: _, ...submission } = inserted;
  if (!requestJob || !receiptJob) throw new Error(`The jobs of submission ${id} were not added`);
  return { submission, created: true };
}

/** A submission sent for the account; another account's is absent. */
export async function getSubmissionOfAccount(
  db: Db,
  accountId: string,
  id: string,
): Promise<Submission | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db)
    .selectFrom('form_submissions')
    .select(submissionColumns)
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}
