import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { createRequestForm } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug, grantStaffRole } from '../authorities/index.ts';
import { getCaseOfAuthority } from '../cases/get-case.ts';
import { openFromSubmission } from '../cases/index.ts';
import { moveTo } from '../cases/move-request.ts';
import { requestPayment } from '../payments/index.ts';
import { settlePayment } from '../payments/settle.ts';
import { indicatorsBy } from './figures.ts';

const day = 86_400_000;
/** The cockpit is read eight days on, so that journeys left a week ago count as abandoned. */
const later = new Date(Date.now() + 8 * day);
const month = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Zurich',
  year: 'numeric',
  month: '2-digit',
})
  .format(new Date())
  .slice(0, 7);

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let sion = '';
const forms: string[] = [];

/** One person's journey through the form, over HTTP as a browser would: how far they go is the plan. */
async function journey(person: PersonActor, formId: string, plan: 'leave' | 'submit', rating?: number) {
  actor = person;
  const client = httpClient(testApp.app);
  await client.get(`/forms/${formId}/start`);
  const started = await client.post(`/forms/${formId}/start`, {});
  const draft = started.headers.get('location') ?? '';
  await client.get(draft);
  if (plan === 'leave') return undefined;
  await client.post(`${draft}/steps/who`, { purpose: 'Indicateurs', action: 'next' });
  await client.get(`${draft}/review`);
  const sent = await client.post(`${draft}/submit`, {});
  const submissionId = (sent.headers.get('location') ?? '').split('/').pop() ?? '';
  const opened = await openFromSubmission(testApp.database.db, person.account.id, submissionId);
  if (rating) {
    await client.get(`/satisfaction/${submissionId}`);
    expect((await client.post(`/satisfaction/${submissionId}`, { rating: String(rating) })).status).toBe(200);
  }
  return opened;
}

/** What the worker would do: every emitted fact waiting for the indicators is counted. */
async function runIndicatorJobs() {
  const { db } = testApp.database;
  const jobs = await sql<{ id: string; payload: never }>`
    select j.id, j.payload from graphile_worker._private_jobs j
      join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'indicators:record-event' order by j.id`.execute(db);
  for (const job of jobs.rows) await testApp.jobs['indicators:record-event']?.(job.payload, {} as never);
  if (jobs.rows.length > 0)
    await sql`delete from graphile_worker._private_jobs where id in (${sql.join(jobs.rows.map((j) => j.id))})`.execute(
      db,
    );
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (at - low);
};

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor, now: () => later });
  const { db } = testApp.database;
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  forms.push(
    (await createRequestForm(db, sion, 'Attestation')).id,
    (await createRequestForm(db, sion, 'Permis')).id,
  );
  const clerk = { ref: 'person:clerk', name: 'Luc Agent' };
  // A seeded month: journeys left and completed, requests decided after various times, some overdue.
  const plans: {
    form: number;
    plan: 'leave' | 'submit';
    rating?: number;
    decide?: 'granted' | 'refused';
    hours?: number;
    overdue?: boolean;
    staff?: boolean;
  }[] = [
    { form: 0, plan: 'leave' },
    { form: 0, plan: 'leave' },
    { form: 1, plan: 'leave' },
    { form: 0, plan: 'submit', rating: 5, decide: 'granted', hours: 2 },
    { form: 0, plan: 'submit', rating: 4, decide: 'granted', hours: 30 },
    { form: 0, plan: 'submit', decide: 'refused', hours: 75 },
    { form: 0, plan: 'submit', rating: 2, decide: 'granted', hours: 130, staff: true },
    { form: 0, plan: 'submit', overdue: true },
    { form: 1, plan: 'submit', rating: 3, decide: 'granted', hours: 10 },
    { form: 1, plan: 'submit', overdue: true, staff: true },
    { form: 1, plan: 'submit' },
  ];
  for (const [i, step] of plans.entries()) {
    const person = await createCitizen(db, { givenNames: `Personne${i}`, familyName: 'Test' });
    if (step.staff)
      await grantStaffRole(db, 'test', { authorityId: sion, personId: person.id, role: 'agent' });
    const item = await journey(person, forms[step.form] ?? '', step.plan, step.rating);
    if (!item) continue;
    if (step.overdue)
      await sql`update cases set due_at = now() - interval '1 day' where id = ${item.id}`.execute(db);
    await runIndicatorJobs();
    if (!step.decide) continue;
    await sql`update cases set created_at = created_at - make_interval(hours => ${step.hours ?? 0}) where id = ${item.id}`.execute(
      db,
    );
    const current = await getCaseOfAuthority(db, sion, item.id);
    if (current) await moveTo(db, current, clerk, step.decide);
  }
  // Fees paid for three of the requests, of different amounts; one asked and left unpaid.
  const cases = await sql<{ id: string; account_id: string }>`
    select id, account_id from cases where authority_id = ${sion} order by created_at limit 4`.execute(db);
  for (const [i, item] of cases.rows.entries())
    await db.transaction().execute(async (tx) => {
      const payment = await requestPayment(tx, {
        authorityId: sion,
        accountId: item.account_id,
        purpose: { fr: 'Émolument' },
        amountCents: 1000 * (i + 1),
        source: `test:${item.id}`,
        link: '/requests',
      });
      if (i < 3) await settlePayment(tx, payment, { actor: 'test', details: {} });
    });
  await runIndicatorJobs();
  actor = null;
});
afterAll(() => testApp?.close());

describe('the cockpit of a seeded month', () => {
  it('equals what the raw tables of drafts, requests and their timelines say', async () => {
    const { db } = testApp.database;
    const [figures] = await indicatorsBy(
      db,
      { authorityIds: [sion], period: { from: month, to: month }, by: 'authority' },
      later,
    );
    // Counted independently, from the modules' own tables.
    const drafts = await sql<{ submitted: boolean }>`
      select submitted_at is not null as submitted from form_drafts where form_id in (${sql.join(forms)})`.execute(
      db,
    );
    const cases = await sql<{
      created_at: Date;
      due_at: Date;
      status: string;
      staff: boolean;
      decided_at: Date | null;
    }>`
      select c.created_at, c.due_at, c.status,
        exists (select 1 from authority_staff s where s.person_id = c.person_id and s.authority_id = c.authority_id) as staff,
        (select max(e.at) from case_events e where e.case_id = c.id and e.to_status in ('granted', 'refused')) as decided_at
      from cases c where c.authority_id = ${sion}`.execute(db);
    const times = cases.rows.flatMap((c) =>
      c.decided_at ? [(c.decided_at.getTime() - c.created_at.getTime()) / 1000] : [],
    );
    const ratings = await sql<{
      rating: number;
    }>`select rating from satisfaction_answers where authority_id = ${sion}`.execute(db);

    expect(figures?.started).toBe(drafts.rows.length);
    expect(figures?.completed).toBe(drafts.rows.filter((d) => d.submitted).length);
    expect(figures?.abandoned).toBe(drafts.rows.filter((d) => !d.submitted).length);
    expect(figures?.submitted).toBe(cases.rows.length);
    expect(figures?.staff).toBe(cases.rows.filter((c) => c.staff).length);
    expect(figures?.online).toBe(cases.rows.filter((c) => !c.staff).length);
    expect(figures?.decided).toBe(times.length);
    expect(figures?.medianSeconds).toBeCloseTo(percentile(times, 0.5), -1);
    expect(figures?.p90Seconds).toBeCloseTo(percentile(times, 0.9), -1);
    const paid = await sql<{ n: string; cents: string }>`
      select count(*) as n, coalesce(sum(amount_cents), 0) as cents from payments
      where authority_id = ${sion} and status = 'paid'`.execute(db);
    expect(figures?.paid).toBe(Number(paid.rows[0]?.n));
    expect(figures?.paidCents).toBe(Number(paid.rows[0]?.cents));
    expect(figures?.ratings).toBe(ratings.rows.length);
    expect(figures?.ratingMean).toBeCloseTo(
      ratings.rows.reduce((s, r) => s + r.rating, 0) / ratings.rows.length,
      5,
    );
    // The seeded month is what was planned, so the comparison above compares something.
    expect([
      figures?.started,
      figures?.submitted,
      figures?.decided,
      figures?.abandoned,
      figures?.staff,
      figures?.paid,
      figures?.paidCents,
    ]).toEqual([11, 8, 5, 3, 2, 3, 6000]);
  });

  it('shows the overdue requests, per service, and where people stopped, on the authority’s page', async () => {
    const { db } = testApp.database;
    const overdue = await sql<{ n: string }>`
      select count(*) as n from cases where authority_id = ${sion} and due_at < ${later}
        and status not in ('granted', 'refused', 'withdrawn', 'closed')`.execute(db);
    actor = staffActor(sion);
    const response = await testApp.app.request(
      `/back-office/authorities/sion/indicators?from=${month}&to=${month}`,
    );
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<svg');
    expect(html).toMatch(new RegExp(`En retard aujourd’hui</dt><dd>${overdue.rows[0]?.n}</dd>`));
    expect(html).toContain('Attestation');
    actor = staffActor((await getAuthorityBySlug(db, 'sierre'))?.id ?? '');
    expect((await testApp.app.request('/back-office/authorities/sion/indicators')).status).toBe(404);
  });
});
