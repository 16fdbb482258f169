import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProfessionalAccount } from '../../src/modules/accounts/index.ts';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import {
  createService,
  demoCatalogue,
  publishVersion,
  type Service,
  type ServiceContent,
  saveVersion,
} from '../../src/modules/catalogue/index.ts';
import { createForm, type Form, publishForm } from '../../src/modules/forms/index.ts';
import type { AssuranceLevel } from '../../src/platform/http/assurance-level.ts';
import { cleanPdf, multipartBody } from '../support/attack-corpus.ts';
import { serveTestApp } from '../support/serve-test-app.ts';
import { csrfTokenIn } from '../support/test-app.ts';

/*
 * A draft across a login again — a step-up asked by the form's service, or a session that timed out —
 * through the real routes: the development provider's OpenID round trip, cookies, CSRF, multipart.
 * Nothing the person gave is lost, and nobody else logging in at that moment gets it.
 */

let testApp: Awaited<ReturnType<typeof serveTestApp>>;
let form: Form;
let service: Service;
const sophie = 'dev-sophie-rochat';
const thomas = 'dev-thomas-imboden';

beforeAll(async () => {
  testApp = await serveTestApp();
  const { db } = testApp.database;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  form = await createForm(db, 'test', {
    authorityId: sion,
    name: 'Diplôme',
    definition: {
      format: 'guichet-form/1',
      title: { fr: 'Reconnaissance de diplôme' },
      steps: [
        {
          id: 'studies',
          title: { fr: 'École' },
          fields: [{ id: 'school', type: 'text', label: { fr: 'École' }, required: true }],
        },
        {
          id: 'papers',
          title: { fr: 'Pièces' },
          fields: [
            { id: 'note', type: 'text', label: { fr: 'Remarque' } },
            { id: 'diploma', type: 'file', label: { fr: 'Diplôme' }, required: true },
          ],
        },
      ],
    },
  });
  expect(await publishForm(db, 'test', form)).toEqual([]);
  const content = demoCatalogue[0]?.content as ServiceContent;
  service = await createService(db, 'test', {
    authorityId: sion,
    slug: 'reconnaissance-diplome',
    content: { ...content, formId: form.id, level: 'low' },
  });
  await publishVersion(db, 'test', service, 1);
}, 60_000);
afterAll(() => testApp?.close());

/** The service asks for `level` from now on: a draft begun below it is then below it. */
async function serviceAsks(level: AssuranceLevel) {
  const { db } = testApp.database;
  const content = demoCatalogue[0]?.content as ServiceContent;
  await publishVersion(
    db,
    'test',
    service,
    await saveVersion(db, 'test', service, { ...content, formId: form.id, level }),
  );
}

/** One browser: one cookie jar across logins, the CSRF token of the last page with a form. */
function browser() {
  const jar = new Map<string, string>();
  let token = '';
  let lastSub = '';
  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(path, testApp.url), {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }
  async function page(path: string) {
    const response = await request(path);
    const html = await response.text();
    if (html.includes('name="_csrf"')) token = csrfTokenIn(html);
    return { status: response.status, location: response.headers.get('location') ?? '', html };
  }
  /** Follows redirects to the page they end on (its path with the query, and its HTML). */
  async function follow(response: Response) {
    let current = response;
    let path = '';
    while (current.status >= 300 && current.status < 400) {
      path = current.headers.get('location') ?? '/';
      current = await request(path);
    }
    const html = await current.text();
    if (html.includes('name="_csrf"')) token = csrfTokenIn(html);
    const at = new URL(path || current.url, testApp.url);
    return { status: current.status, path: at.pathname + at.search, html };
  }
  return {
    page,
    follow,
    post(path: string, fields: Record<string, string> = {}) {
      return request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, ...fields }),
      });
    },
    postFile(path: string, fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
      const { body, contentType } = multipartBody([
        { name: '_csrf', value: token },
        ...Object.entries(fields).map(([name, value]) => ({ name, value })),
        { name: 'diploma', filename: file.name, bytes: file.bytes },
      ]);
      return request(path, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: new Uint8Array(body),
      });
    },
    /** Logs in (again) through the development provider, as `sub` at `level`, brought back to `returnTo`. */
    async logIn(sub: string, level: AssuranceLevel, returnTo = '/my') {
      // Another person at the provider: its own session of the one before is not theirs to reuse.
      if (sub !== lastSub) for (const name of [...jar.keys()]) if (name.startsWith('_')) jar.delete(name);
      lastSub = sub;
      const query = new URLSearchParams({ level, return: returnTo });
      const interaction = await follow(await request(`/login/oidc/dev?${query}`));
      return follow(
        await request(interaction.path, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrfTokenIn(interaction.html), person: sub, level }),
        }),
      );
    },
  };
}

/** A draft begun at `level`, its first step done: the browser is on its second, the one with the file. */
async function draftOnPapers(b: ReturnType<typeof browser>, sub: string, level: AssuranceLevel) {
  await b.logIn(sub, level);
  await b.page(`/forms/${form.id}/start`);
  const draft = (await b.post(`/forms/${form.id}/start`)).headers.get('location') ?? '';
  expect(draft).toMatch(/^\/forms\/drafts\/[0-9a-f-]{36}$/);
  await b.page(draft);
  const school = await b.post(`${draft}/steps/studies`, { school: 'EPFL' });
  expect(school.headers.get('location')).toBe(`${draft}?step=papers`);
  expect((await b.page(`${draft}?step=papers`)).status).toBe(200);
  return draft;
}

const stepUpTo = (returnTo: string) =>
  `/login?${new URLSearchParams({ return: returnTo, level: 'substantial' })}`;

async function filesOf(draft: string) {
  const { rows } = await sql<{ name: string; account: string }>`
    select f.name, d.account_id as account from form_files f join form_drafts d on d.id = f.draft_id
    where d.id = ${draft.split('/').at(-1) ?? ''}`.execute(testApp.database.db);
  return rows;
}

describe('a draft across a step-up of the level of assurance', () => {
  it('keeps what was typed and the file sent with the step that asked for it, on the same step', async () => {
    await serviceAsks('low');
    const b = browser();
    const draft = await draftOnPapers(b, sophie, 'low');
    // The service now asks for more than this session has: the post that meets it is sent to step up.
    await serviceAsks('substantial');
    const sent = await b.postFile(
      `${draft}/steps/papers`,
      { note: 'Original certifié', action: 'next' },
      { name: 'diplome-epfl.pdf', bytes: await cleanPdf('Diplome') },
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(stepUpTo(`${draft}?step=papers`));
    expect((await b.page(sent.headers.get('location') ?? '')).status).toBe(200);

    const back = await b.logIn(sophie, 'substantial', `${draft}?step=papers`);
    expect(back.status).toBe(200);
    expect(back.path).toBe(`${draft}?step=papers`);
    expect(back.html).toContain('value="Original certifié"');
    expect(back.html).toContain('diplome-epfl.pdf');
    // Going on without sending the file again: it is the one attached, through to the review.
    const next = await b.post(`${draft}/steps/papers`, { note: 'Original certifié', action: 'next' });
    expect(next.headers.get('location')).toBe(`${draft}/review`);
    const review = await b.page(`${draft}/review`);
    expect(review.status).toBe(200);
    expect(review.html).toContain('diplome-epfl.pdf');
  });

  it('keeps the account in use when the same person steps up, a professional one included', async () => {
    await serviceAsks('low');
    const b = browser();
    await b.logIn(sophie, 'low');
    const { db } = testApp.database;
    const { rows } = await sql<{ person_id: string }>`
      select person_id from identity_links where subject = ${sophie}`.execute(db);
    const organisation = await sql<{ id: string }>`
      insert into organisations (uid, name, legal_form, seat)
      values ('CHE109322551', 'Rochat Conseils Sàrl', 'Sàrl', 'Sion') returning id`.execute(db);
    const accountId = await openProfessionalAccount(db, rows[0]?.person_id ?? '', {
      id: organisation.rows[0]?.id ?? '',
      name: 'Rochat Conseils Sàrl',
    });
    await b.page('/accounts');
    expect((await b.post('/accounts/switch', { account: accountId })).status).toBe(303);
    await b.page(`/forms/${form.id}/start`);
    const draft = (await b.post(`/forms/${form.id}/start`)).headers.get('location') ?? '';
    await b.page(draft);
    await b.post(`${draft}/steps/studies`, { school: 'HES-SO' });
    await b.page(`${draft}?step=papers`);
    await serviceAsks('substantial');
    const sent = await b.postFile(
      `${draft}/steps/papers`,
      { note: '', action: 'next' },
      { name: 'diplome-hes.pdf', bytes: await cleanPdf('HES') },
    );
    expect(sent.headers.get('location')).toBe(stepUpTo(`${draft}?step=papers`));

    const back = await b.logIn(sophie, 'substantial', `${draft}?step=papers`);
    expect(back.status).toBe(200);
    expect(back.html).toContain('diplome-hes.pdf');
    expect(await filesOf(draft)).toEqual([{ name: 'diplome-hes.pdf', account: accountId }]);
  });

  it('gives nothing of it to another person logging in at the step-up; its owner finds it whole', async () => {
    await serviceAsks('low');
    const b = browser();
    const draft = await draftOnPapers(b, sophie, 'low');
    await serviceAsks('substantial');
    const sent = await b.postFile(
      `${draft}/steps/papers`,
      { note: 'À Sophie', action: 'next' },
      { name: 'diplome-sophie.pdf', bytes: await cleanPdf('Sophie') },
    );
    expect(sent.headers.get('location')).toBe(stepUpTo(`${draft}?step=papers`));

    // Thomas logs in on the same browser where Sophie was asked to step up.
    const other = await b.logIn(thomas, 'substantial', `${draft}?step=papers`);
    expect(other.status).toBe(404);
    expect(other.html).not.toContain('À Sophie');
    expect(other.html).not.toContain('diplome-sophie.pdf');
    for (const path of [draft, `${draft}/review`]) expect((await b.page(path)).status, path).toBe(404);
    const my = await b.page('/my');
    expect(my.html).not.toContain('Reconnaissance de diplôme');
    // Nor can he change it: his post reaches no draft, and the file stays Sophie's alone.
    await b.page('/my');
    expect((await b.post(`${draft}/steps/papers`, { note: 'Thomas' })).status).toBe(404);
    const [file] = await filesOf(draft);
    expect(file?.name).toBe('diplome-sophie.pdf');

    const back = await browser().logIn(sophie, 'substantial', `${draft}?step=papers`);
    expect(back.status).toBe(200);
    expect(back.html).toContain('value="À Sophie"');
    expect(back.html).toContain('diplome-sophie.pdf');
  });
});

describe('a draft across a session that timed out', () => {
  it('is there after logging in again: the form’s address leads through the login back to its step', async () => {
    await serviceAsks('substantial');
    const b = browser();
    const draft = await draftOnPapers(b, sophie, 'substantial');
    const { db } = testApp.database;
    await sql`update sessions set last_seen_at = now() - interval '1 day'`.execute(db);

    // The step sent after the time-out is not applied (the session ended); what was typed is kept
    // for the same person (ADR 28), the file is not: it is named, to attach again.
    const stale = await b.postFile(
      `${draft}/steps/papers`,
      { note: 'Trop tard', action: 'next' },
      { name: 'trop-tard.pdf', bytes: await cleanPdf('Tard') },
    );
    expect(stale.status).toBe(401);
    expect(await filesOf(draft)).toEqual([]);
    const later = await b.page(`${draft}?step=papers`);
    expect(later.status).toBe(303);
    expect(later.location).toMatch(/^\/login\?/);
    const back = await b.logIn(
      sophie,
      'substantial',
      new URLSearchParams(later.location.split('?')[1]).get('return') ?? '',
    );
    expect(back.status).toBe(200);
    expect(back.path).toBe(`${draft}?step=papers`);
    expect(back.html).toContain('name="diploma"');
    expect(back.html).toContain('value="Trop tard"');
    expect(back.html).toContain('Joignez à nouveau le fichier « Diplôme »');
    expect((await b.page(`${draft}?step=studies`)).html).toContain('value="EPFL"');
    const my = await b.page('/my');
    expect(my.html).toContain(draft);
  });
});
