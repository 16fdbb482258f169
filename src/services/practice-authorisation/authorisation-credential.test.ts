import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { getAuthorityBySlug } from '../../modules/authorities/index.ts';
import { decideRequest } from '../../modules/cases/decide-request.ts';
import { decisionDocument } from '../../modules/cases/decision-letters.ts';
import { saveWorkflow } from '../../modules/cases/index.ts';
import { workflowFromForm } from '../../modules/cases/workflow-form.ts';
import { issuingContextOf } from '../../modules/signing/index.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { practiceAuthorisationWorkflow } from './workflow.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let citizen: PersonActor;
let formId = '';
const clerk = { ref: 'person:clerk', name: 'Anne Clerc' };

beforeAll(async () => {
  testApp = await createTestApp();
  const { db } = testApp.database;
  citizen = await createCitizen(db, { givenNames: 'Nadia', familyName: 'Roten' });
  const ssp = (await getAuthorityBySlug(db, 'ssp'))?.id ?? '';
  formId = (await createRequestForm(db, ssp, 'Autorisation')).id;
  await saveWorkflow(db, 'test', formId, practiceAuthorisationWorkflow);
});
afterAll(() => testApp?.close());

/** The clerk decides with the authorisation's letter; what Guichet issued, and whether it goes to the wallet. */
async function decideWithAuthorisationLetter(outcome: 'granted' | 'refused') {
  const { db } = testApp.database;
  const item = await openRequest(db, citizen, formId);
  const document = await decisionDocument(db, item, { template: 'granted' }, outcome);
  if (!('letter' in document)) throw new Error('no authorisation letter');
  await decideRequest(await issuingContextOf(testApp.platform), {
    item,
    seenVersion: item.version,
    actor: clerk,
    outcome,
    ...document,
  });
  const { rows } = await sql<{ type: string; credentials: number }>`
    select i.type, (select count(*)::int from wallet_credentials w where w.issued_id = i.id) as credentials
    from issued_documents i where i.request_id = ${item.id}`.execute(db);
  return rows;
}

describe('the authorisation to practise', () => {
  it('is issued as an authorisation, which the seed offers into the e-ID wallet', async () => {
    expect(await decideWithAuthorisationLetter('granted')).toEqual([
      { type: 'authorisation', credentials: 1 },
    ]);
  });

  it('stays a decision when a refusal is worded from its letter', async () => {
    expect(await decideWithAuthorisationLetter('refused')).toEqual([{ type: 'decision', credentials: 0 }]);
  });

  it('keeps being an authorisation when a designer rewords the letter', () => {
    const { workflow } = workflowFromForm(practiceAuthorisationWorkflow, {
      'status.granted.letterTitle.fr': 'Autorisation',
      'status.granted.letterText.fr': 'Vous êtes autorisé.',
    });
    expect(workflow.statuses.granted?.letter?.issuedAs).toBe('authorisation');
  });
});
