import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, createCitizen } from '../../../tests/support/factories.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import { publishOneStepForm } from '../../../tests/support/test-forms.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { startDraft } from './drafts.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: PersonActor | null = null;
let anna: PersonActor;
let ben: PersonActor;
let formId = '';

async function draftOf(who: PersonActor) {
  const { db } = testApp.database;
  const draft = await startDraft(db, {
    formId,
    version: 1,
    accountId: who.account.id,
    personId: who.id,
    mandateId: null,
    answers: { purpose: 'Anna-Answer' },
  });
  // A file and a page captured for it, with the page's "continue on your phone" link.
  await sql`insert into form_files (draft_id, name, type, size, bytes)
    values (${draft.id}, 'permis.pdf', 'application/pdf', 3, '\\x010203')`.execute(db);
  const { rows } = await sql<{
    id: string;
  }>`insert into form_capture_tokens (draft_id, field_id, token_hash, expires_at)
    values (${draft.id}, 'doc', ${crypto.randomUUID()}, now() + interval '1 hour') returning id`.execute(db);
  await sql`insert into form_capture_pages (draft_id, field_id, capture_id, position, bytes, key_id, width, height)
    values (${draft.id}, 'doc', ${rows[0]?.id ?? ''}, 1, '\\x0405', 'k', 10, 10)`.execute(db);
  return draft.id;
}

/** Rows of anything the draft held: its own, its files, its captured pages and links. */
async function leftOf(draftId: string) {
  const { rows } = await sql<{ n: number }>`select
      (select count(*) from form_drafts where id = ${draftId})
    + (select count(*) from form_files where draft_id = ${draftId})
    + (select count(*) from form_capture_pages where draft_id = ${draftId})
    + (select count(*) from form_capture_tokens where draft_id = ${draftId}) as n`.execute(
    testApp.database.db,
  );
  return Number(rows[0]?.n);
}

/** Opens the confirmation page, then confirms from it (its CSRF token and session cookie). */
async function deleteFromPage(draftId: string) {
  const page = await testApp.app.request(`/forms/drafts/${draftId}/delete`);
  if (page.status !== 200) return page;
  return testApp.app.request(`/forms/drafts/${draftId}/delete`, {
    method: 'POST',
    headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfTokenIn(await page.text()) }),
  });
}

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  const authority = await createAuthority(db);
  formId = (await publishOneStepForm(db, authority.id, { name: 'Extrait', fields: [] })).id;
  anna = await createCitizen(db, { givenNames: 'Anna', familyName: 'Efface' });
  ben = await createCitizen(db, { givenNames: 'Ben', familyName: 'Autre' });
});
afterAll(() => testApp?.close());

describe('deleting a draft', () => {
  it('asks first, then deletes the draft with its files and captured pages, and says so on the list', async () => {
    actor = anna;
    const draftId = await draftOf(anna);
    const list = await (await testApp.app.request('/forms/drafts')).text();
    expect(list).toContain(`href="/forms/drafts/${draftId}/delete"`);
    const own = await (await testApp.app.request(`/forms/drafts/${draftId}`)).text();
    expect(own).toContain(`<a href="/forms/drafts/${draftId}/delete">Supprimer ce brouillon</a>`);
    const confirm = await testApp.app.request(`/forms/drafts/${draftId}/delete`);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Supprimer ce brouillon ?');
    expect(await leftOf(draftId)).toBe(4);

    const response = await deleteFromPage(draftId);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/forms/drafts?deleted=1');
    expect(await leftOf(draftId)).toBe(0);
    const after = await (await testApp.app.request('/forms/drafts?deleted=1')).text();
    expect(after).toContain('Brouillon supprimé.');
    expect(after).not.toContain(draftId);
    expect((await testApp.app.request('/forms/drafts?deleted=1&lang=de')).status).toBe(200);
    expect(await (await testApp.app.request('/forms/drafts?deleted=1&lang=de')).text()).toContain(
      'Entwurf gelöscht.',
    );
    expect(await (await testApp.app.request('/forms/drafts?deleted=1&lang=en')).text()).toContain(
      'Draft deleted.',
    );
  });

  it("answers another person's draft as not found, and leaves it whole", async () => {
    actor = ben;
    const annas = await draftOf(anna);
    expect((await testApp.app.request(`/forms/drafts/${annas}/delete`)).status).toBe(404);
    actor = anna;
    const page = await testApp.app.request(`/forms/drafts/${annas}/delete`);
    actor = ben;
    const posted = await testApp.app.request(`/forms/drafts/${annas}/delete`, {
      method: 'POST',
      headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfTokenIn(await page.text()) }),
    });
    expect(posted.status).toBe(404);
    expect(await leftOf(annas)).toBe(4);
  });

  it('refuses a draft already sent: it is a submission', async () => {
    actor = anna;
    const sent = await draftOf(anna);
    const page = await testApp.app.request(`/forms/drafts/${sent}/delete`);
    await sql`update form_drafts set submitted_at = now() where id = ${sent}`.execute(testApp.database.db);
    expect((await testApp.app.request(`/forms/drafts/${sent}/delete`)).status).toBe(409);
    const posted = await testApp.app.request(`/forms/drafts/${sent}/delete`, {
      method: 'POST',
      headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfTokenIn(await page.text()) }),
    });
    expect(posted.status).toBe(409);
    expect(await posted.text()).toContain('déjà été envoyé');
    expect(await leftOf(sent)).toBe(4);
  });

  it('deletes nothing on a post without its CSRF token', async () => {
    actor = anna;
    const draftId = await draftOf(anna);
    const page = await testApp.app.request(`/forms/drafts/${draftId}/delete`);
    const posted = await testApp.app.request(`/forms/drafts/${draftId}/delete`, {
      method: 'POST',
      headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({}),
    });
    expect(posted.status).toBe(403);
    expect(await leftOf(draftId)).toBe(4);
  });

  it('names each link of same-titled drafts by its last change, and hides the caption that repeats the title', async () => {
    actor = anna;
    const list = await (await testApp.app.request('/forms/drafts')).text();
    const names = [...list.matchAll(/aria-label="(Continuer : [^"]+)"/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) expect(name).toMatch(/^Continuer : Extrait, modifié le .*\d/);
    expect(list).toContain('<caption class="table__caption visually-hidden">Vos brouillons</caption>');
  });
});
