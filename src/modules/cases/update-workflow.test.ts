import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { walkChain } from '../../platform/audit/audit.ts';
import { seedDemo } from '../../seed/demo.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { moveTo } from './move-request.ts';
import { updateWorkflow } from './update-workflow.ts';
import { defaultWorkflow } from './workflow.ts';
import { workflowFor } from './workflow-store.ts';

let database: TestDatabase;
let spf = '';
let formId = '';

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  spf = (await getAuthorityBySlug(database.db, 'spf'))?.id ?? '';
  formId = (await createRequestForm(database.db, spf)).id;
});
afterAll(() => database.drop());

/** The workflow page as the form's current workflow shows it, plus `changes`. */
async function page(changes: Record<string, unknown> = {}) {
  const current = await workflowFor(database.db, formId);
  const fields: Record<string, unknown> = { initial: current.initial };
  for (const [id, status] of Object.entries(current.statuses)) {
    fields[`status.${id}.staffLabel.fr`] = status.staffLabel.fr;
    if (status.final) fields[`status.${id}.final`] = 'yes';
  }
  current.transitions.forEach((transition, i) => {
    fields[`transition.${i}.from`] = transition.from;
    fields[`transition.${i}.to`] = transition.to;
    fields[`transition.${i}.roles`] = transition.roles;
  });
  return { ...fields, ...changes };
}

describe('a designer saving the workflow', () => {
  it('saves what holds together, audited with its fees and roles', async () => {
    const update = await updateWorkflow(
      database.db,
      'person:designer',
      formId,
      await page({
        'status.submitted.paymentAmount': '20',
        'status.submitted.paymentPurpose.fr': 'Émolument',
        'status.submitted.paidTo': 'in_progress',
      }),
    );
    expect('saved' in update).toBe(true);
    expect((await workflowFor(database.db, formId)).statuses.submitted?.payment?.amountCents).toBe(2000);
    const audit = await sql<{ actor: string; authority_id: string; details: Record<string, unknown> }>`
      select actor, authority_id, details from audit_events
      where action = 'case.workflow.save' and subject_id = ${formId} order by id desc limit 1`.execute(
      database.db,
    );
    expect(audit.rows[0]).toMatchObject({
      actor: 'person:designer',
      authority_id: spf,
      details: {
        fees: { submitted: { amountCents: 2000, paidTo: 'in_progress' } },
        roles: defaultWorkflow.transitions.map((t) => ({ from: t.from, to: t.to, roles: t.roles })),
      },
    });
    // What the chain holds reads back as it was hashed.
    expect((await walkChain(database.db)).brokenAt).toBeUndefined();
  });

  it('saves nothing that does not hold together, and gives back the workflow as edited', async () => {
    const update = await updateWorkflow(
      database.db,
      'person:designer',
      formId,
      await page({ initial: 'nowhere' }),
    );
    expect(update).toMatchObject({ problems: ['initial'], workflow: { initial: 'nowhere' } });
    expect((await workflowFor(database.db, formId)).initial).toBe(defaultWorkflow.initial);
  });

  it('keeps a status that requests are in, and adds a new one only when all else holds', async () => {
    const citizen = await createCitizen(database.db, { givenNames: 'Eva', familyName: 'Zen' });
    const item = await openRequest(database.db, citizen, formId);
    await moveTo(database.db, item, { ref: 'system', name: '' }, 'closed');
    const kept = await updateWorkflow(
      database.db,
      'person:designer',
      formId,
      await page({
        'status.closed.remove': 'yes',
        'newStatus.id': 'expertise',
        'newStatus.staffLabel.fr': 'Expertise',
      }),
    );
    expect(kept).toMatchObject({ problems: ['in-use:closed'], newStatus: { id: 'expertise' } });
    expect((await workflowFor(database.db, formId)).statuses.expertise).toBeUndefined();
    const added = await updateWorkflow(
      database.db,
      'person:designer',
      formId,
      await page({ 'newStatus.id': 'expertise', 'newStatus.staffLabel.fr': 'Expertise' }),
    );
    expect('saved' in added && added.saved.statuses.expertise).toEqual({
      staffLabel: { fr: 'Expertise' },
      citizenLabel: undefined,
    });
  });
});
