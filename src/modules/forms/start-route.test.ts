import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { publishOneStepForm } from '../../../tests/support/test-forms.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import type { Form } from './forms.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let anna: PersonActor;
let form: Form;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  anna = await createCitizen(db, { givenNames: 'Anna', familyName: 'Zufferey' }, 'high');
  const sion = await getAuthorityBySlug(db, 'sion');
  form = await publishOneStepForm(db, sion?.id ?? '', {
    name: 'Salle',
    title: 'Location de salle',
    fields: [{ id: 'why', type: 'text', label: { fr: 'Motif' }, required: true }],
  });
});
afterAll(() => testApp.close());

const get = (path: string) => testApp.app.request(path);
const draftsOf = async (person: PersonActor) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from form_drafts
      where form_id = ${form.id} and person_id = ${person.id}`.execute(testApp.database.db)
  ).rows[0]?.n;

describe('the start of a form when the person has an unfinished draft of it', () => {
  it('offers to go on with the latest one first, creates nothing on looking, and still lets them begin anew', async () => {
    actor = anna;
    const start = `/forms/${form.id}/start`;
    const fresh = await (await get(start)).text();
    expect(fresh).toContain('>Commencer</button>');
    expect(fresh).not.toContain('Reprendre votre brouillon');

    const first = await httpClient(testApp.app).submit(start, {}, start);
    const draft = first.headers.get('Location') ?? '';
    expect(draft).toMatch(/^\/forms\/drafts\//);

    const again = await (await get(start)).text();
    expect(again).toMatch(
      new RegExp(`<a class="button button--primary" href="${draft}">Reprendre votre brouillon du \\d`),
    );
    expect(again).toContain('Commencer un nouveau formulaire</button>');
    expect(again).not.toContain('>Commencer</button>');
    expect(await draftsOf(anna)).toBe(1); // looking changed nothing

    const other = await httpClient(testApp.app).submit(start, {}, start); // "start a new form"
    expect(other.status).toBe(303);
    expect(other.headers.get('Location')).not.toBe(draft);
    expect(await draftsOf(anna)).toBe(2);
    // The latest is offered: the one just begun.
    expect(await (await get(start)).text()).toContain(`href="${other.headers.get('Location')}"`);
  });

  it('offers neither another person’s draft nor a sent one', async () => {
    const { db } = testApp.database;
    actor = await createCitizen(db, { givenNames: 'Bea', familyName: 'Rey' }, 'high');
    expect(await (await get(`/forms/${form.id}/start`)).text()).not.toContain('Reprendre votre brouillon');
    await sql`update form_drafts set submitted_at = now() where person_id = ${anna.id}`.execute(db);
    actor = anna;
    expect(await (await get(`/forms/${form.id}/start`)).text()).not.toContain('Reprendre votre brouillon');
  });
});
