import { sql } from 'kysely';
import { openFromSubmission } from '../../src/modules/cases/index.ts';
import { createForm, type FormDefinition, publishForm, submitDraft } from '../../src/modules/forms/index.ts';
import type { Db } from '../../src/platform/database/database.ts';
import type { PersonActor } from '../../src/platform/http/access.ts';

/** One step, one required question ("Motif"): the smallest form a request comes from. */
export const oneQuestion: FormDefinition = {
  format: 'guichet-form/1',
  title: { fr: 'Extrait des poursuites' },
  steps: [
    {
      id: 'who',
      title: { fr: 'Demande' },
      fields: [{ id: 'purpose', type: 'text', label: { fr: 'Motif' }, required: true }],
    },
  ],
};

/** A published one-question form of the authority ("Motif"). */
export async function createRequestForm(db: Db, authorityId: string, name = 'Extrait') {
  const form = await createForm(db, 'test', { authorityId, name, definition: oneQuestion });
  await publishForm(db, 'test', form);
  return form;
}

/** The citizen's answers to the form, sent (the request itself is opened by the job, or below). */
export async function submitAnswers(
  db: Db,
  citizen: PersonActor,
  formId: string,
  answers: Record<string, unknown> = { purpose: 'Test' },
  /** The mandate a representative (`citizen` then is the agent, acting for the account) made it under. */
  mandateId: string | null = null,
) {
  const { rows } = await sql<{ id: string }>`
    insert into form_drafts (form_id, version, account_id, person_id, answers)
    values (${formId}, 1, ${citizen.account.id}, ${citizen.id}, ${JSON.stringify(answers)}::jsonb) returning id`.execute(
    db,
  );
  const { submission } = await submitDraft(
    db,
    {
      id: rows[0]?.id ?? '',
      formId,
      version: 1,
      accountId: citizen.account.id,
      personId: citizen.id,
      mandateId,
      answers,
      step: null,
      submittedAt: null,
      updatedAt: new Date(),
    },
    { answers, level: 'high' },
  );
  return submission;
}

/** The citizen's request on the form, opened at once (as the job would), without a worker. */
export async function openRequest(
  db: Db,
  citizen: PersonActor,
  formId: string,
  answers: Record<string, unknown> = { purpose: 'Test' },
  mandateId: string | null = null,
) {
  const submission = await submitAnswers(db, citizen, formId, answers, mandateId);
  const opened = await openFromSubmission(db, submission.accountId, submission.id);
  if (!opened) throw new Error('no request opened');
  return opened;
}
