import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, personActor, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { issueReceiptNow } from '../../../tests/support/issuing.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { getServiceEntry, publishVersion, saveVersion } from '../catalogue/index.ts';
import { createPersonWithLink } from '../identity/index.ts';
import { acceptMandate, proposeMandate } from '../mandates/index.ts';
import { apiScopes } from '../policy/index.ts';
import type { FormDefinition } from './definition.ts';
import { getDraftOfAccount, submitDraft } from './drafts.ts';
import { createForm, type Form, getForm, publishForm, setFormTheme } from './forms.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let anna: PersonActor;
let form: Form;

const definition: FormDefinition = {
  format: 'guichet-form/1',
  title: { fr: 'Annonce de chiens', de: 'Hundeanmeldung' },
  steps: [
    {
      id: 'owner',
      title: { fr: 'Détenteur' },
      fields: [
        { id: 'name', type: 'text', label: { fr: 'Nom' }, required: true, prefill: 'person.familyName' },
        {
          id: 'dogs',
          type: 'number',
          label: { fr: 'Nombre de chiens' },
          required: true,
          integer: true,
          min: 1,
          max: 5,
        },
        {
          id: 'fee',
          type: 'computed',
          label: { fr: 'Taxe' },
          expression: { '*': [{ var: 'dogs' }, 100] },
          format: 'chf',
        },
        {
          id: 'kind',
          type: 'choice',
          label: { fr: 'Genre' },
          required: true,
          options: [
            { value: 'pet', label: { fr: 'Compagnie' } },
            { value: 'work', label: { fr: 'Travail' } },
          ],
        },
        {
          id: 'farm',
          type: 'text',
          label: { fr: 'Exploitation' },
          required: true,
          showIf: { '==': [{ var: 'kind' }, 'work'] },
        },
        {
          id: 'breed',
          type: 'text',
          label: { fr: 'Race' },
          requiredIf: { '==': [{ var: 'kind' }, 'work'] },
        },
      ],
    },
    {
      id: 'details',
      title: { fr: 'Vos chiens' },
      fields: [
        {
          id: 'list',
          type: 'group',
          label: { fr: 'Chiens' },
          required: true,
          fields: [{ id: 'chip', type: 'text', label: { fr: 'Puce' }, required: true, pattern: '[0-9]{15}' }],
        },
      ],
    },
  ],
};

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  anna = await createCitizen(db, { givenNames: 'Anna', familyName: 'Zufferey' }, 'high');
  const sion = await getAuthorityBySlug(db, 'sion');
  form = await createForm(db, 'test', { authorityId: sion?.id ?? '', name: 'Chiens', definition });
  expect(await publishForm(db, 'test', form)).toEqual([]);
});
afterAll(() => testApp.close());

const get = (path: string) => testApp.app.request(path);

/** Opens `from` and sends its form to `path`, like a person would. */
const post = (path: string, fields: Record<string, string>, from = path) =>
  httpClient(testApp.app).submit(path, fields, from);

describe('filling in a form without JavaScript', () => {
  it('goes step by step, shows what an answer reveals, checks answers, and accepts the submission once', async () => {
    actor = anna;
    const started = await post(`/forms/${form.id}/start`, {});
    expect(started.status).toBe(303);
    const draft = started.headers.get('Location') ?? '';
    const first = await (await get(draft)).text();
    expect(first).toContain('Étape 1 sur 2');
    expect(first).toContain('value="Zufferey"'); // known data, not asked again
    expect(first).toContain('Donnée connue du guichet');

    const step1 = `${draft}/steps/owner`;
    // Before "work" is chosen, the breed is not said to be optional: the condition is told instead.
    expect(first).toContain('Race</label>');
    expect(first).toContain('Obligatoire si « Genre » est « Travail ».');
    expect(first).toContain('Nombre de chiens</label>');
    // Choosing "work" reveals the farm field and makes the breed required: the step comes back saying so.
    const revealed = await post(step1, { name: 'Zufferey', dogs: '2', kind: 'work' }, draft);
    expect(revealed.status).toBe(422);
    const revealedHtml = await revealed.text();
    expect(revealedHtml).toContain('error-summary');
    expect(revealedHtml).toContain('Répondez aussi à cette question : Exploitation');
    expect(revealedHtml).toContain('Répondez aussi à cette question : Race');
    expect(revealedHtml).toMatch(/data-field="farm"(?! hidden)/);
    expect(revealedHtml).toContain('CHF'); // the fee, computed: 200
    const refused = await post(
      step1,
      { name: 'Zufferey', dogs: '2,5', kind: 'work', breed: 'Berger' },
      draft,
    );
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('Saisissez un nombre entier');
    expect(refusedHtml).toContain('Ce champ est obligatoire');
    // The summary at the top names the question of each error, not only what is wrong with it.
    expect(refusedHtml).toMatch(/<a href="#dogs">Nombre de chiens : Saisissez un nombre entier/);
    const next = await post(
      step1,
      { name: 'Zufferey', dogs: '2', kind: 'work', farm: 'La Sarvaz', breed: 'Berger' },
      draft,
    );
    expect(next.headers.get('Location')).toBe(`${draft}?step=details`);

    // Jumping to the review too early comes back to the step that lacks an answer, saying which.
    const early = await get(`${draft}/review`);
    expect(early.headers.get('Location')).toBe(`${draft}?step=details&check=1`);
    expect(await (await get(`${draft}?step=details&check=1`)).text()).toContain('Ajoutez au moins une ligne');

    const step2 = `${draft}/steps/details`;
    const added = await post(step2, { 'list.rows': '0', action: 'addRow:list' }, `${draft}?step=details`);
    expect(await added.text()).toContain('list[0].chip');
    const badChip = await post(step2, { 'list.rows': '1', 'list[0].chip': '12' }, `${draft}?step=details`);
    expect(badChip.status).toBe(422);
    const done = await post(
      step2,
      { 'list.rows': '1', 'list[0].chip': '756098100123456' },
      `${draft}?step=details`,
    );
    expect(done.headers.get('Location')).toBe(`${draft}/review`);

    const review = await (await get(`${draft}/review`)).text();
    expect(review).toContain('La Sarvaz');
    expect(review).toContain('756098100123456');

    // Three clicks at once on "send": one submission.
    const page = await get(`${draft}/review`);
    const token = csrfTokenIn(await page.text());
    const send = () =>
      testApp.app.request(`${draft}/submit`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: token }),
        headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    const answers = await Promise.all([send(), send(), send()]);
    const locations = new Set(answers.map((r) => r.headers.get('Location')));
    expect(locations.size).toBe(1);
    const submission = [...locations][0] ?? '';
    expect(submission).toMatch(/^\/forms\/submissions\/[0-9a-f-]{36}$/);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from form_submissions`.execute(
      testApp.database.db,
    );
    expect(rows[0]?.n).toBe(1);
    const trail = await sql<{ action: string }>`
      select action from audit_events where subject_id = ${submission.split('/').at(-1) ?? ''}`.execute(
      testApp.database.db,
    );
    expect(trail.rows).toEqual([{ action: 'form.submit' }]); // once, however many posts

    // Issued and sealed by jobs moments after: until then the page says it is coming.
    expect((await get(`${submission}/receipt.pdf`)).status).toBe(409);
    await issueReceiptNow(testApp, submission.split('/').at(-1) ?? '');
    const receipt = await get(`${submission}/receipt.pdf`);
    expect(receipt.headers.get('Content-Type')).toBe('application/pdf');
    const receiptText = pdfText(new Uint8Array(await receipt.arrayBuffer()));
    const { rows: given } = await sql<{ reference: string }>`
      select reference from form_submissions where id = ${submission.split('/').at(-1) ?? ''}`.execute(
      testApp.database.db,
    );
    expect(given[0]?.reference).toMatch(/^\d{4}-\d{6}$/);
    expect(receiptText).toMatch(new RegExp(`Référence\\s+${given[0]?.reference}`));
    for (const answer of ['Zufferey', 'Travail', 'La Sarvaz', '756098100123456'])
      expect(receiptText).toContain(answer);
    expect(receiptText).toMatch(/d’identification\s+(faible|substantiel|élevé) \(/); // a word, not `high`
    // In the documents (and the wallet) it is named a receipt, not taken for what the service delivers.
    const { rows: titled } = await sql<{ title: string }>`
      select d.title from documents d join form_submissions s on s.receipt_document_id = d.id
      where s.id = ${submission.split('/').at(-1) ?? ''}`.execute(testApp.database.db);
    expect(titled).toEqual([{ title: 'Récapitulatif de la demande « Annonce de chiens »' }]);

    // Another person cannot see the draft or the submission.
    actor = personActor();
    expect((await get(draft)).status).toBe(404);
    expect((await get(submission)).status).toBe(404);
  });

  it('starts from the catalogue: the start button of a service opens its form', async () => {
    const { db } = testApp.database;
    const entry = await getServiceEntry(db, { slug: 'enregistrement-chien-sion' }, 'published');
    if (!entry) throw new Error('demo service missing');
    const version = await saveVersion(db, 'test', entry, { ...entry.content, formId: form.id });
    await publishVersion(db, 'test', entry, version);
    actor = anna;
    const start = await get('/services/enregistrement-chien-sion/start');
    expect(start.status).toBe(303);
    expect(start.headers.get('Location')).toBe(`/forms/${form.id}/start`);
    // The form takes the theme of the service it serves.
    expect((await getForm(db, form.id))?.theme).toBe(entry.content.theme);
  });

  it('lets a representative fill in a form for someone only within the mandate’s themes and rights', async () => {
    const { db } = testApp.database;
    const { person: bruno } = await createPersonWithLink(
      db,
      { givenNames: 'Bruno', familyName: 'Fiduciaire' },
      { provider: 'test', subject: 'bruno', level: 'high' },
    );
    const today = new Date().toISOString().slice(0, 10);
    const grant = async (permissions: ('consult' | 'submit')[]) => {
      const mandate = await proposeMandate(db, anna.id, 'holder', {
        principalAccountId: anna.account.id,
        agent: { personId: bruno.id },
        themes: ['communal'],
        permissions,
        validFrom: today,
      });
      await acceptMandate(db, bruno.id, mandate.id);
      return personActor({
        id: bruno.id,
        displayName: 'Bruno Fiduciaire',
        account: anna.account,
        mandate: { id: mandate.id, themes: ['communal'] },
      });
    };
    await setFormTheme(db, form.id, 'communal');
    actor = await grant(['consult']); // may look, may not act
    const lookOnly = await get(`/forms/${form.id}/start`);
    expect(lookOnly.status).toBe(403);
    expect(await lookOnly.text()).toContain('ne comprend pas le droit de faire des demandes');
    const representative = await grant(['consult', 'submit']);
    actor = representative;
    const started = await post(`/forms/${form.id}/start`, {});
    expect(started.status).toBe(303);
    // What they send is in the audit trail as sent by them, for Anna's account, under the mandate.
    const draft = await getDraftOfAccount(
      db,
      anna.account.id,
      started.headers.get('Location')?.split('/').at(-1) ?? '',
    );
    if (!draft) throw new Error('draft missing');
    const { submission } = await submitDraft(db, draft, { answers: draft.answers, level: 'high' });
    const { rows } = await sql<{ actor: string; on_behalf_of: string; details: Record<string, unknown> }>`
      select actor, on_behalf_of, details from audit_events where subject_id = ${submission.id}`.execute(db);
    expect(rows).toEqual([
      expect.objectContaining({
        actor: `person:${bruno.id}`,
        on_behalf_of: `account:${anna.account.id}`,
        details: expect.objectContaining({ representative: bruno.id, mandate: representative.mandate?.id }),
      }),
    ]);
    await setFormTheme(db, form.id, 'tax'); // a service outside the mandate
    const outside = await get(`/forms/${form.id}/start`);
    expect(outside.status).toBe(403);
    expect(await outside.text()).toContain('ne couvre pas le thème « Impôts »');
    expect((await post(`/forms/${form.id}/start`, {})).status).toBe(403);
    await setFormTheme(db, form.id, 'communal');
  });

  it('gives integrators the data model of the published version as JSON Schema', async () => {
    actor = null;
    const sion = await getAuthorityBySlug(testApp.database.db, 'sion');
    actor = staffActor(sion?.id ?? '', 'serviceDesigner');
    const schema = (await (await get(`/back-office/forms/${form.id}/schema.json`)).json()) as Record<
      string,
      unknown
    >;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(schema.properties as object)).toEqual([
      'name',
      'dogs',
      'fee',
      'kind',
      'farm',
      'breed',
      'list',
    ]);
    expect(schema.required).toEqual(['name', 'dogs', 'kind']);
    // Through the API, to the authority's own applications only.
    actor = { kind: 'apiClient', id: 'sion-app', authorityId: sion?.id ?? '', scopes: apiScopes };
    expect((await get(`/api/v1/forms/${form.id}/schema`)).status).toBe(200);
    const sierre = await getAuthorityBySlug(testApp.database.db, 'sierre');
    actor = { kind: 'apiClient', id: 'sierre-app', authorityId: sierre?.id ?? '', scopes: apiScopes };
    expect((await get(`/api/v1/forms/${form.id}/schema`)).status).toBe(404);
  });
});

describe('the builder, for conditions and answers', () => {
  it('lists conditions in words, refuses a typed comparison without its value, and adds answer rows', async () => {
    const sion = await getAuthorityBySlug(testApp.database.db, 'sion');
    actor = staffActor(sion?.id ?? '', 'serviceDesigner');
    const base = `/back-office/forms/${form.id}`;
    const editor = await (await get(base)).text();
    expect(editor).toContain('Affiché si « Genre » est « Travail »');
    expect(editor).toContain('Obligatoire si « Genre » est « Travail ».');
    expect(editor).not.toContain('&quot;work&quot;');

    const farmPage = await (await get(`${base}/fields/farm`)).text();
    expect(farmPage).toMatch(
      /<option value="kind:==:work"[^>]*selected[^>]*>« Genre » est « Travail »<\/option>/,
    );
    const refused = await post(
      `${base}/fields/farm`,
      { 'label.fr': 'Exploitation', conditionChoice: 'dogs:>:', conditionValue: '' },
      `${base}/fields/farm`,
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Saisissez la valeur à comparer');

    const added = await post(
      `${base}/fields/kind`,
      {
        'label.fr': 'Genre',
        optionRows: '3',
        'option-0-value': 'pet',
        'option-0-fr': 'Compagnie',
        'option-1-value': 'work',
        'option-1-fr': 'Travail',
        'option-2-fr': 'Assistance',
        stay: 'blankOptions=2',
      },
      `${base}/fields/kind`,
    );
    expect(added.headers.get('Location')).toBe(`${base}/fields/kind?blankOptions=2`);
    const rows = await (await get(`${base}/fields/kind?blankOptions=2`)).text();
    expect(rows).toContain('value="assistance"');
    expect(rows).toContain('name="option-4-fr"'); // three answers and two empty rows
    expect(rows).not.toContain('name="option-5-fr"');
  });
});

describe('the level of assurance the form’s service asks for', () => {
  it('sends a person below it to step up at every page of the form, keeps their draft, and lets a strong enough one through', async () => {
    const { db } = testApp.database;
    const sion = await getAuthorityBySlug(db, 'sion');
    const strict = await createForm(db, 'test', { authorityId: sion?.id ?? '', name: 'Extrait', definition });
    expect(await publishForm(db, 'test', strict)).toEqual([]);
    const entry = await getServiceEntry(db, { slug: 'extrait-registre-poursuites' }, 'published');
    if (!entry) throw new Error('demo service missing');
    expect(entry.content.level).toBe('substantial');
    await publishVersion(
      db,
      'test',
      entry,
      await saveVersion(db, 'test', entry, { ...entry.content, formId: strict.id }),
    );

    const strong = await createCitizen(db, { givenNames: 'Carla', familyName: 'Rey' }, 'substantial');
    const weak: PersonActor = { ...strong, level: 'low' };
    const stepUp = (returnTo: string) =>
      `/login?${new URLSearchParams({ return: returnTo, level: 'substantial' })}`;
    const browser = httpClient(testApp.app);
    const start = `/forms/${strict.id}/start`;

    // Straight to the form's address, past the catalogue's link: still asked for a stronger means.
    actor = weak;
    const page = await get(start);
    expect(page.status).toBe(303);
    expect(page.headers.get('Location')).toBe(stepUp(start));
    actor = strong;
    await browser.get(start);
    actor = weak;
    const refused = await browser.post(start, {});
    expect(refused.headers.get('Location')).toBe(stepUp(start));
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from form_drafts where form_id = ${strict.id}`.execute(db);
    expect(rows[0]?.n).toBe(0);

    actor = strong;
    const started = await browser.post(start, {});
    const draft = started.headers.get('Location') ?? '';
    expect(draft).toMatch(/^\/forms\/drafts\/[0-9a-f-]{36}$/);
    await browser.get(draft);
    const owner = await browser.post(`${draft}/steps/owner`, { name: 'Rey', dogs: '1', kind: 'pet' });
    expect(owner.headers.get('Location')).toBe(`${draft}?step=details`);
    await browser.get(`${draft}?step=details`);

    // The same person, logged in again with a weaker means, cannot go on nor send; what they typed stays.
    actor = weak;
    expect((await get(draft)).headers.get('Location')).toBe(stepUp(draft));
    const details = await browser.post(`${draft}/steps/details`, {
      'list.rows': '1',
      'list[0].chip': '756098100123456',
    });
    expect(details.headers.get('Location')).toBe(stepUp(`${draft}?step=details`));
    expect((await get(`${draft}/review`)).headers.get('Location')).toBe(stepUp(`${draft}/review`));
    const sent = await browser.post(`${draft}/submit`, {});
    expect(sent.headers.get('Location')).toBe(stepUp(`${draft}/review`));
    const kept = await getDraftOfAccount(db, strong.account.id, draft.split('/').at(-1) ?? '');
    expect(kept?.submittedAt).toBeFalsy();
    expect(kept?.answers).toMatchObject({ name: 'Rey', list: [{ chip: '756098100123456' }] });

    // Back at the level asked, the draft goes on where it was and is sent.
    actor = strong;
    expect((await browser.get(`${draft}/review`)).status).toBe(200);
    const submitted = await browser.post(`${draft}/submit`, {});
    expect(submitted.headers.get('Location')).toMatch(/^\/forms\/submissions\/[0-9a-f-]{36}$/);
  });
});
