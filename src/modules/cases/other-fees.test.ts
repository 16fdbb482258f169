import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { seedDemo } from '../../seed/demo.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { getCaseOfAuthority } from './get-case.ts';
import { paymentSettled } from './payment-settled.ts';
import { defaultWorkflow } from './workflow.ts';
import { saveWorkflow } from './workflow-store.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(() => database?.drop());

describe('fees of several authorities in one step', () => {
  it('asks each authority’s fee of it, and moves the request on once the last is paid', async () => {
    const { db } = database;
    const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
    const valais = (await getAuthorityBySlug(db, 'valais'))?.id ?? '';
    const form = await createRequestForm(db, sion, 'Chiens');
    await saveWorkflow(db, 'test', form.id, {
      ...defaultWorkflow,
      initial: 'awaiting_fee',
      statuses: {
        ...defaultWorkflow.statuses,
        awaiting_fee: {
          staffLabel: { fr: 'Attend les émoluments' },
          payment: {
            amountCents: 10_000,
            purpose: { fr: 'Taxe des chiens' },
            paidTo: 'submitted',
            otherFees: [{ authority: 'valais', amountCents: 2500, purpose: { fr: 'Émolument cantonal' } }],
          },
        },
      },
    });
    const citizen = await createCitizen(db, { givenNames: 'Nina', familyName: 'Favre' });
    const request = await openRequest(db, citizen, form.id);
    const { rows: fees } = await sql<{
      id: string;
      authority_id: string;
      amount_cents: number;
      link: string;
    }>`
      select id, authority_id, amount_cents, link from payments where source like ${`case:${request.id}:%`}
      order by amount_cents desc`.execute(db);
    expect(fees.map((f) => [f.authority_id, f.amount_cents])).toEqual([
      [sion, 10_000],
      [valais, 2500],
    ]);
    expect(new Set(fees.map((f) => f.link)).size).toBe(1);

    const pay = (id: string | undefined) =>
      sql`update payments set status = 'paid', paid_at = now() where id = ${id}`.execute(db);
    await pay(fees[0]?.id);
    await paymentSettled(db, { caseId: request.id, status: 'awaiting_fee' });
    expect((await getCaseOfAuthority(db, sion, request.id))?.status).toBe('awaiting_fee');
    await pay(fees[1]?.id);
    await paymentSettled(db, { caseId: request.id, status: 'awaiting_fee' });
    expect((await getCaseOfAuthority(db, sion, request.id))?.status).toBe('submitted');
  });
});
