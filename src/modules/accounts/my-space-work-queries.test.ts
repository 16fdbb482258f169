import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, personActor } from '../../../tests/support/factories.ts';
import { saveFeeOnArrival } from '../../../tests/support/fee-workflow.ts';
import { demoPharmacy, planta } from '../../../tests/support/narcotics.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { statementsSentDuring } from '../../../tests/support/statements.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { dashboardOf } from '../../services/narcotics-statements/dashboard.ts';
import { narcoticsMessages } from '../../services/narcotics-statements/messages.ts';
import { saveDraft } from '../../services/narcotics-statements/statements.ts';
import { monthName } from '../../services/narcotics-statements/views/labels.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { backOfficeMessages } from '../cases/back-office-messages.ts';
import { type QueueName, queueCounts } from '../cases/queue-counts.ts';
import { ensurePersonalAccount } from './index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: PersonActor | null = null;
let clerk: PersonActor;
let pharmacist: PersonActor;
/** The pharmacy's owner in her personal account, the pharmacy among her other accounts. */
let atHome: PersonActor;
let ssp = '';

beforeAll(async () => {
  // The actor is given: what is counted is the page's own work, the request path pinned elsewhere.
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  ssp = (await getAuthorityBySlug(db, 'ssp'))?.id ?? '';
  // The health service receives the narcotics statements: its clerk has both the queues and the controls.
  clerk = {
    ...(await createCitizen(db, { givenNames: 'Luc', familyName: 'Agent' })),
    staffRoles: [{ authorityId: ssp, role: 'agent' }],
  };
  const form = await createRequestForm(db, ssp);
  const citizen = await createCitizen(db, { givenNames: 'Anne', familyName: 'Requérante' });
  const cases = [];
  for (let i = 0; i < 3; i++) cases.push(await openRequest(db, citizen, form.id));
  // One in each queue that has a count of its own: new, the clerk's, overdue.
  await sql`update cases set assignee_person_id = ${clerk.id} where id = ${cases[0]?.id ?? ''}`.execute(db);
  // And one waiting for its fee, in a workflow of the service's own.
  const feeForm = await createRequestForm(db, ssp, 'Autorisation');
  await saveFeeOnArrival(db, feeForm.id, { amountCents: 5000, purpose: 'Émolument', paidTo: 'submitted' });
  await openRequest(db, citizen, feeForm.id);
  await sql`update cases set due_at = now() - interval '2 days' where id = ${cases[1]?.id ?? ''}`.execute(db);
  const pharmacy = await demoPharmacy(db);
  pharmacist = personActor({
    id: pharmacy.owner,
    displayName: 'Hélène Pitteloud',
    account: { id: pharmacy.accountId, name: planta.name, kind: 'professional', role: 'admin' },
  });
  await saveDraft(
    db,
    { personId: pharmacy.owner, name: 'Hélène Pitteloud' },
    { authorityId: ssp, pharmacy: { ...planta, accountId: pharmacy.accountId }, month: '2026-10', rows: [] },
  );
  // And one waiting for the responsible pharmacist's sign-off: counted on the pharmacy's card elsewhere.
  await saveDraft(
    db,
    { personId: pharmacy.owner, name: 'Hélène Pitteloud' },
    { authorityId: ssp, pharmacy: { ...planta, accountId: pharmacy.accountId }, month: '2026-09', rows: [] },
  );
  await sql`update narcotics_statements set status = 'awaitingSignOff'
    where account_id = ${pharmacy.accountId} and month = '2026-09'`.execute(db);
  atHome = {
    ...pharmacist,
    account: {
      id: await ensurePersonalAccount(db, pharmacy.owner, 'Hélène Pitteloud'),
      name: 'Hélène Pitteloud',
      kind: 'personal',
      role: 'admin',
    },
  };
});
afterAll(async () => {
  await testApp?.close();
});

/** `/my` as `who`, warmed first (what is read once per process), and what the database was sent. */
async function mySpaceAs(who: PersonActor) {
  actor = who;
  await testApp.app.request('/my');
  let html = '';
  const seen = await statementsSentDuring(async () => {
    const response = await testApp.app.request('/my');
    expect(response.status).toBe(200);
    html = await response.text();
  });
  // The request path (person, accounts, staff roles) is pinned in acting/request-path.test.ts.
  return {
    html,
    seen: seen.filter((text) => !/\b(sessions|persons|account_members|authority_staff)\b/.test(text)),
  };
}

describe("my space's work sections", () => {
  it("reads a clerk's queues and narcotics controls with the page's other sections, in one statement", async () => {
    const { html, seen } = await mySpaceAs(clerk);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/\bcases\b/);
    expect(seen[0]).toMatch(/\bnarcotics_statements\b/);
    // The counts are the back office's own, queue by queue.
    const counts = await queueCounts(testApp.database.db, ssp, clerk.id);
    expect(counts).toMatchObject({ queueNew: 2, queueMine: 1, queueOverdue: 1, queuePayment: 1 });
    const t = backOfficeMessages.translator('fr');
    for (const [queue, count] of Object.entries(counts) as [QueueName, number][])
      expect(html).toContain(`>${t('queueCount', { queue: t(queue), count })}<`);
    expect(html).toContain('href="/back-office/authorities/ssp/narcotics"');
    // The controls are the dashboard's own.
    const today = new Date().toISOString().slice(0, 10);
    const dashboard = await dashboardOf(testApp.database.db, ssp, today);
    const n = narcoticsMessages.translator('fr');
    expect(html).toContain(
      n('filedCount', { count: dashboard.filedCount, month: monthName('fr', dashboard.month) }),
    );
    expect(html).toContain(n('alertCount', { label: n('missingTitle'), count: dashboard.missing.length }));
  });

  it("reads a pharmacy's open statements with the page's other sections, in one statement", async () => {
    const { html, seen } = await mySpaceAs(pharmacist);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/\bnarcotics_statements\b/);
    expect(html).toContain('href="/narcotics/2026-10"');
    expect(html).toContain('href="/narcotics/2026-09"');
  });

  it("counts what waits in the pharmacy from its owner's personal account, in the same one statement", async () => {
    const { html, seen } = await mySpaceAs(atHome);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/\bnarcotics_statements\b/);
    // A statement sent for sign-off counts one more there (the demo has other things waiting too).
    const shown = (page: string) =>
      Number(/Pharmacie de la Planta SA<\/h3><p>[^<]*<\/p><p><strong[^>]*>(\d+) en attente/.exec(page)?.[1]);
    const before = shown(html);
    expect(before).toBeGreaterThan(0);
    await sql`update narcotics_statements set status = 'awaitingSignOff'
      where pharmacy_uid = ${planta.uid} and month = '2026-10'`.execute(testApp.database.db);
    expect(shown((await mySpaceAs(atHome)).html)).toBe(before + 1);
  });
});
