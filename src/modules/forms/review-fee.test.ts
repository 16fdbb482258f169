import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { fishingPermitEntry, publishOneStepForm } from '../../../tests/support/test-forms.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createService, publishVersion } from '../catalogue/index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
});
afterAll(() => testApp.close());

/** Starts the form, answers its one step and reads the check page. */
async function reviewOf(formId: string, lang = 'fr') {
  const client = httpClient(testApp.app);
  const start = `/forms/${formId}/start`;
  const draft = (await client.submit(start, {}, start)).headers.get('Location') ?? '';
  expect((await client.submit(`${draft}/steps/main`, { why: 'Pêche' }, draft)).status).toBe(303);
  return (await (await testApp.app.request(`${draft}/review?lang=${lang}`)).text()).replace(/\u00a0/g, ' ');
}

describe('the check page of a form whose catalogue entry announces a fee', () => {
  it('says the fee before "send", in fr/de/en; a free one says nothing of a fee', async () => {
    const { db } = testApp.database;
    actor = await createCitizen(db, { givenNames: 'Anna', familyName: 'Zufferey' }, 'high');
    const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
    const form = async (name: string) =>
      (
        await publishOneStepForm(db, spf, {
          name,
          fields: [{ id: 'why', type: 'text', label: { fr: 'Motif' } }],
        })
      ).id;
    const paid = await form('Pêche');
    await publishVersion(
      db,
      'test',
      await createService(db, 'test', {
        authorityId: spf,
        slug: 'peche',
        content: fishingPermitEntry(paid, 3500),
      }),
      1,
    );
    const free = await form('Gratuit');
    await publishVersion(
      db,
      'test',
      await createService(db, 'test', {
        authorityId: spf,
        slug: 'gratuit',
        content: fishingPermitEntry(free, null),
      }),
      1,
    );

    const review = await reviewOf(paid);
    expect(review).toMatch(
      /Émolument annoncé : CHF 35.00\. Il vous sera demandé une fois la demande envoyée\.[\s\S]*Envoyer la demande/,
    );
    expect(await reviewOf(paid, 'de')).toContain('Angekündigte Gebühr: CHF 35.00.');
    expect(await reviewOf(paid, 'en')).toContain('Announced fee: CHF 35.00.');
    expect(await reviewOf(free)).not.toContain('Émolument');
  });
});
