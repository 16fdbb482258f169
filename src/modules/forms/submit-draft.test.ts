import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, createCitizen } from '../../../tests/support/factories.ts';
import { statementsSentDuring } from '../../../tests/support/statements.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { publishOneStepForm } from '../../../tests/support/test-forms.ts';
import { walkChain } from '../../platform/audit/audit.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { formCompletedCall } from '../indicators/index.ts';
import { deleteDraft } from './delete-draft.ts';
import { startDraft, submitDraft } from './drafts.ts';
import type { Form } from './forms.ts';

let database: TestDatabase;
let form: Form;
let lea: PersonActor;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const authority = await createAuthority(db, { kind: 'canton', parentSlug: undefined });
  form = await publishOneStepForm(db, authority.id, {
    name: 'Envoi',
    step: { title: 'Étape' },
    fields: [{ id: 'a', type: 'text', label: { fr: 'A' } }],
  });
  lea = await createCitizen(db, { givenNames: 'Léa', familyName: 'Envoi' });
});
afterAll(() => database.drop());

const newDraft = () =>
  startDraft(database.db, {
    formId: form.id,
    version: 1,
    accountId: lea.account.id,
    personId: lea.id,
    mandateId: null,
    answers: { a: 'x' },
  });

const countOf = async (query: ReturnType<typeof sql<{ n: number }>>) =>
  (await query.execute(database.db)).rows[0]?.n;

describe('accepting a draft', () => {
  it('is one statement, its own transaction: submission, draft marked sent, outbox jobs and audit event', async () => {
    const draft = await newDraft();
    const sent = await statementsSentDuring(() =>
      submitDraft(database.db, draft, { answers: {}, level: 'high' }, form),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toMatch(/^\s*begin/i);
    const { rows } = await sql<{ id: string; submitted: boolean }>`
      select s.id, d.submitted_at is not null as submitted
      from form_submissions s join form_drafts d on d.id = s.draft_id where s.draft_id = ${draft.id}`.execute(
      database.db,
    );
    expect(rows).toEqual([{ id: expect.any(String), submitted: true }]);
    const id = rows[0]?.id ?? '';
    expect(
      await countOf(sql`select count(*)::int as n from audit_events
                        where action = 'form.submit' and subject_id = ${id} and authority_id = ${form.authorityId}`),
    ).toBe(1);
    expect(
      await countOf(sql`select count(*)::int as n from graphile_worker._private_jobs j
                        join graphile_worker._private_tasks t on t.id = j.task_id
                        where j.payload->>'submissionId' = ${id}
                          and t.identifier in ('cases:open-from-submission', 'forms:issue-receipt')`),
    ).toBe(2);
  });

  it('counts the form completed in the same statement, once however often it is sent', async () => {
    const draft = await newDraft();
    const completed = { authorityId: form.authorityId, formId: form.id, journey: draft.id };
    const send = () =>
      submitDraft(database.db, draft, { answers: {}, level: 'high' }, form, (sent) =>
        formCompletedCall(completed, sent),
      );
    expect(await statementsSentDuring(send)).toHaveLength(1);
    await Promise.all([send(), send()]);
    const counted = () =>
      countOf(sql`select count(*)::int as n from indicator_events
                  where kind = 'form_completed' and form_id = ${form.id} and authority_id = ${form.authorityId}`);
    expect(await counted()).toBe(1);
    // A draft whose statement fails is not counted either.
    await expect(
      submitDraft(database.db, { ...draft, id: randomUUID() }, { answers: {}, level: 'high' }, form, (sent) =>
        formCompletedCall({ ...completed, journey: randomUUID() }, sent),
      ),
    ).rejects.toThrow();
    expect(await counted()).toBe(1);
  });

  it('sent 20 times at once creates one submission, one audit event and one pair of jobs', async () => {
    const draft = await newDraft();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submitDraft(database.db, draft, { answers: {}, level: 'high' })),
    );
    expect(new Set(results.map((r) => r.submission.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const id = results[0]?.submission.id ?? '';
    expect(await countOf(sql`select count(*)::int as n from audit_events where subject_id = ${id}`)).toBe(1);
    expect(
      await countOf(
        sql`select count(*)::int as n from graphile_worker._private_jobs where payload->>'submissionId' = ${id}`,
      ),
    ).toBe(2);
  });

  it('keeps the audit chain whole when many drafts are sent at once', async () => {
    const drafts = await Promise.all(Array.from({ length: 30 }, newDraft));
    await Promise.all(drafts.map((d) => submitDraft(database.db, d, { answers: {}, level: 'high' }, form)));
    const walk = await walkChain(database.db);
    expect(walk.brokenAt).toBeUndefined();
  });

  it('sent while its person deletes it: one of the two wins, the other is told, nothing half-done', async () => {
    for (let round = 0; round < 10; round += 1) {
      const draft = await newDraft();
      const [sent, deleted] = await Promise.allSettled([
        submitDraft(database.db, draft, { answers: {}, level: 'high' }, form),
        deleteDraft(database.db, draft, { personId: draft.personId }),
      ]);
      const submissions = await countOf(
        sql`select count(*)::int as n from form_submissions where draft_id = ${draft.id}`,
      );
      if (sent.status === 'fulfilled') {
        expect([deleted, submissions]).toEqual([{ status: 'fulfilled', value: 'sent' }, 1]);
      } else {
        expect([sent.reason, deleted, submissions]).toEqual([
          expect.objectContaining({ status: 404 }),
          { status: 'fulfilled', value: 'deleted' },
          0,
        ]);
      }
    }
  });

  it('leaves nothing behind when the statement fails', async () => {
    const draft = { ...(await newDraft()), id: randomUUID() }; // no such draft: the insert is refused
    const events = () => countOf(sql`select count(*)::int as n from audit_events`);
    const jobs = () => countOf(sql`select count(*)::int as n from graphile_worker._private_jobs`);
    const before = [await events(), await jobs()];
    await expect(submitDraft(database.db, draft, { answers: {}, level: 'high' }, form)).rejects.toThrow();
    expect([await events(), await jobs()]).toEqual(before);
  });
});
