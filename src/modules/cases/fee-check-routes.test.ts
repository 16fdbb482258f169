import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffActor } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { fishingPermitEntry } from '../../../tests/support/test-forms.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createService, getService, publishVersion, saveVersion } from '../catalogue/index.ts';
import { createForm, publishForm } from '../forms/index.ts';
import { defaultWorkflow } from './workflow.ts';
import { saveWorkflow } from './workflow-store.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let authority = '';
let formId = '';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  authority = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const form = await createForm(db, 'test', {
    authorityId: authority,
    name: 'Pêche',
    definition: {
      format: 'guichet-form/1',
      title: { fr: 'Permis de pêche' },
      steps: [
        { id: 'who', title: { fr: 'Vous' }, fields: [{ id: 'name', type: 'text', label: { fr: 'Nom' } }] },
      ],
    },
  });
  await publishForm(db, 'test', form);
  formId = form.id;
  await saveWorkflow(db, 'test', formId, {
    ...defaultWorkflow,
    statuses: {
      ...defaultWorkflow.statuses,
      fee: {
        staffLabel: { fr: 'Émolument' },
        citizenLabel: { fr: 'À payer' },
        payment: { amountCents: 4000, purpose: { fr: 'Permis' }, paidTo: defaultWorkflow.initial },
      },
    },
  });
});
afterAll(() => testApp.close());

/** The page as read, amounts' non-breaking spaces as plain ones. */
const page = async (path: string) => (await (await testApp.app.request(path)).text()).replace(/\u00a0/g, ' ');

describe('the fee on the workflow page', () => {
  it('is checked against the fee the catalogue shows, published and draft', async () => {
    const { db } = testApp.database;
    const path = `/back-office/forms/${formId}/workflow`;
    actor = staffActor(authority, 'serviceDesigner');
    expect(await page(path)).toContain('Aucune prestation du catalogue');

    const created = await createService(db, 'test', {
      authorityId: authority,
      slug: 'peche',
      content: fishingPermitEntry(formId, 3500),
    });
    await publishVersion(db, 'test', created, 1);
    const differs = await page(path);
    expect(differs).toContain(
      '« Permis de pêche », version 1 publiée annonce CHF 35.00, mais ce déroulement demande CHF 40.00.',
    );

    // The designer corrects the catalogue in a draft: the public still reads the old fee until it is published.
    const service = await getService(db, { id: created.id });
    if (!service) throw new Error('no service');
    await saveVersion(db, 'test', service, fishingPermitEntry(formId, 4000));
    const drafted = await page(path);
    expect(drafted).toContain('version 1 publiée annonce CHF 35.00');
    expect(drafted).not.toContain('brouillon version 2 annonce');
    await publishVersion(db, 'test', service, 2);
    expect(await page(path)).not.toContain('fee-contradictions');
  });
});
