import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { defaultWorkflow } from './workflow.ts';
import { saveWorkflow } from './workflow-store.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let spf = '';
const own = { id: '', reference: '' };
const plain = { id: '', reference: '' };
const inbox = '/back-office/authorities/spf/requests';
const received = {
  fr: 'Reçue aux poursuites',
  de: 'Beim Betreibungsamt eingegangen',
  en: 'Received by debt enforcement',
};

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const citizen = await createCitizen(db, { givenNames: 'Sophie', familyName: 'Rochat' });
  const form = await createRequestForm(db, spf);
  await saveWorkflow(db, 'test', form.id, {
    ...defaultWorkflow,
    statuses: {
      ...defaultWorkflow.statuses,
      submitted: { ...defaultWorkflow.statuses.submitted, staffLabel: received },
    },
  });
  Object.assign(own, await openRequest(db, citizen, form.id, { purpose: 'Extrait' }));
  Object.assign(plain, await openRequest(db, citizen, (await createRequestForm(db, spf)).id));
});
afterAll(() => testApp?.close());

const page = async (path: string) => {
  const response = await testApp.app.request(path);
  expect(response.status).toBe(200);
  return response.text();
};

/** The status cell of a request's row in the inbox. */
const statusIn = (html: string, reference: string) =>
  html.split(`>${reference}</a>`)[1]?.split('</tr>')[0] ?? '';

describe('a request’s status in the inbox', () => {
  it('is its own workflow’s staff label, as its request page says it, in fr, de and en', async () => {
    actor = staffActor(spf);
    for (const locale of ['fr', 'de', 'en'] as const) {
      const list = await page(`${inbox}?lang=${locale}`);
      expect(statusIn(list, own.reference)).toContain(received[locale]);
      expect(await page(`${inbox}/${own.id}?lang=${locale}`)).toContain(received[locale]);
      // A form without its own workflow keeps the default's label.
      expect(statusIn(list, plain.reference)).toContain({ fr: 'Nouvelle', de: 'Neu', en: 'New' }[locale]);
    }
  });
});
