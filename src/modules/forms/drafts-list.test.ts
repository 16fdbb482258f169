import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, createCitizen, personActor } from '../../../tests/support/factories.ts';
import { statementsSentDuring } from '../../../tests/support/statements.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { publishOneStepForm } from '../../../tests/support/test-forms.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { openProfessionalAccount } from '../accounts/index.ts';
import { acceptMandate, proposeMandate } from '../mandates/index.ts';
import { startDraft } from './drafts.ts';
import { setFormTheme } from './forms.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: PersonActor | null = null;
let anna: PersonActor;
let ben: PersonActor;
let annaAtWork: PersonActor;
let benForAnna: PersonActor;
const forms: Record<'tax' | 'dogs', string> = { tax: '', dogs: '' };
/** Anna's drafts in her personal account, newest first. */
const annas: string[] = [];

const page = async (path: string) => {
  const response = await testApp.app.request(path);
  return { status: response.status, html: await response.text() };
};
/** The drafts a page links to, in its order. */
const linked = (html: string) =>
  [...html.matchAll(/href="\/forms\/drafts\/([0-9a-f-]{36})"/g)].map((m) => m[1] as string);

/** A draft of `form`, saved `minutesAgo`: the order of the list is the order of the last changes. */
async function draft(who: PersonActor, form: string, minutesAgo: number) {
  const { db } = testApp.database;
  const started = await startDraft(db, {
    formId: form,
    version: 1,
    accountId: who.account.id,
    personId: who.id,
    mandateId: who.mandate?.id ?? null,
    answers: {},
  });
  await sql`update form_drafts set updated_at = now() - make_interval(mins => ${minutesAgo})
    where id = ${started.id}`.execute(db);
  return started.id;
}

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  const authority = await createAuthority(db);
  forms.tax = (await publishOneStepForm(db, authority.id, { name: 'Déclaration', fields: [] })).id;
  forms.dogs = (await publishOneStepForm(db, authority.id, { name: 'Chien', fields: [] })).id;
  await setFormTheme(db, forms.tax, 'tax');
  await setFormTheme(db, forms.dogs, 'debtCollection');
  anna = await createCitizen(db, { givenNames: 'Anna', familyName: 'Brouillon' });
  ben = await createCitizen(db, { givenNames: 'Ben', familyName: 'Autre' });
  const { rows } = await sql<{ id: string }>`
    insert into organisations (uid, name, legal_form, seat)
    values ('CHE123456788', 'Fiduciaire SA', 'SA', 'Sion') returning id`.execute(db);
  const work = await openProfessionalAccount(db, anna.id, { id: rows[0]?.id ?? '', name: 'Fiduciaire SA' });
  annaAtWork = { ...anna, account: { id: work, name: 'Fiduciaire SA', kind: 'professional' } };
  // Ben may fill in Anna's tax forms, not her others.
  const mandate = await proposeMandate(db, anna.id, 'holder', {
    principalAccountId: anna.account.id,
    agent: { personId: ben.id },
    themes: ['tax'],
    permissions: ['consult', 'submit'],
    validFrom: new Date().toISOString().slice(0, 10),
  });
  await acceptMandate(db, ben.id, mandate.id);
  benForAnna = { ...ben, account: anna.account, mandate: { id: mandate.id, themes: ['tax'] } };

  for (let i = 0; i < 12; i++) annas.push(await draft(anna, forms.tax, i + 10));
  // Never Anna's in her personal account: her company's, Ben's for her and Ben's own; nor a sent one.
  await draft(annaAtWork, forms.tax, 1);
  await draft(benForAnna, forms.tax, 2);
  await draft(ben, forms.tax, 3);
  const sent = await draft(anna, forms.tax, 4);
  await sql`update form_drafts set submitted_at = now() where id = ${sent}`.execute(db);
});
afterAll(() => testApp?.close());

describe('all the drafts of the account in use', () => {
  it('my space shows the ten latest and a link to all of them, counted in its one statement', async () => {
    actor = anna;
    let html = '';
    const seen = await statementsSentDuring(async () => {
      html = (await page('/my')).html;
    });
    expect(linked(html)).toEqual(annas.slice(0, 10));
    expect(html).toContain('<a href="/forms/drafts">Voir tous les brouillons (12)</a>');
    // The count is no round trip of its own: the drafts are read once, with the other sections.
    const drafts = seen.filter((text) => /\bform_drafts\b/.test(text));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatch(/\bwallet_credentials\b/);
  });

  it('lists every one, newest first, over pages there and back', async () => {
    actor = anna;
    for (let i = 12; i < 25; i++) annas.push(await draft(anna, forms.tax, i + 10));
    const first = await page('/forms/drafts');
    expect(first.status).toBe(200);
    expect(first.html).toContain('<h1>Vos brouillons</h1>');
    expect(first.html).toContain('Continuer : Déclaration');
    expect(linked(first.html)).toEqual(annas.slice(0, 20));
    expect(first.html).not.toContain('rel="prev"');
    const next = first.html.match(/href="(\/forms\/drafts\?after=[^"]+)" rel="next"/)?.[1] ?? '';
    const second = await page(next);
    expect(linked(second.html)).toEqual(annas.slice(20));
    expect(second.html).not.toContain('rel="next"');
    const back = second.html.match(/href="(\/forms\/drafts\?before=[^"]+)" rel="prev"/)?.[1] ?? '';
    expect(linked((await page(back)).html)).toEqual(annas.slice(0, 20));
    expect((await page('/forms/drafts?lang=de')).html).toContain('<h1>Ihre Entwürfe</h1>');
    expect((await page('/forms/drafts?lang=en')).html).toContain('<h1>Your drafts</h1>');
  });

  it("shows a representative only their own drafts within their mandate, none of the holder's", async () => {
    const { db } = testApp.database;
    // Begun for Anna in a theme Ben's mandate does not reach (as if it had been narrowed since).
    await draft(benForAnna, forms.dogs, 0);
    actor = benForAnna;
    const { status, html } = await page('/forms/drafts');
    expect(status).toBe(200);
    const mine = await sql<{ id: string }>`select id from form_drafts
      where person_id = ${ben.id} and account_id = ${anna.account.id} and form_id = ${forms.tax}`.execute(db);
    expect(linked(html)).toEqual(mine.rows.map((r) => r.id));
    expect(html).not.toContain('Voir tous');
    // My space agrees: the draft beyond the mandate is neither listed nor counted there.
    const { html: mySpace } = await page('/my');
    expect(linked(mySpace)).toEqual(mine.rows.map((r) => r.id));
    // However many newer ones beyond it: the ten listed are ten the person may go on with.
    for (let i = 0; i < 10; i++) await draft(benForAnna, forms.dogs, 0);
    const again = (await page('/my')).html;
    expect(linked(again)).toEqual(mine.rows.map((r) => r.id));
    expect(again).not.toContain('Voir tous');
  });

  it("keeps each account's drafts in it, and says so when there is none", async () => {
    actor = annaAtWork;
    expect(linked((await page('/forms/drafts')).html)).toHaveLength(1);
    actor = ben;
    expect(linked((await page('/forms/drafts')).html)).toHaveLength(1);
    const { html: mySpace } = await page('/my');
    expect(mySpace).not.toContain('/forms/drafts"');
    actor = personActor({ id: anna.id, account: { id: ben.account.id, name: 'Ben', kind: 'personal' } });
    // Anna, in an account she may not use (a session left over), sees nothing of it.
    expect((await page('/forms/drafts')).status).toBe(404);
    actor = await createCitizen(testApp.database.db, { givenNames: 'Cleo', familyName: 'Vide' });
    expect((await page('/forms/drafts')).html).toContain(
      'Vous n’avez aucun formulaire en cours dans ce compte.',
    );
  });
});
