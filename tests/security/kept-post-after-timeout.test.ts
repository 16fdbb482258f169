import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import type { Form } from '../../src/modules/forms/index.ts';
import { purgeKeptPosts } from '../../src/platform/http/kept-posts.ts';
import { purgeExpiredSessions } from '../../src/platform/http/session.ts';
import { createLocalPerson } from '../support/factories.ts';
import { httpClient } from '../support/http-client.ts';
import { createTestApp } from '../support/test-app.ts';
import { publishPapersForm } from '../support/test-forms.ts';

/**
 * ADR 28: a form step posted after its session timed out is not applied (the person logs in again,
 * ASVS 7.3.1 stays strict) but kept for that person only, sealed, for an hour, and shown back on the
 * step after they log in. Forged and cross-site posts are refused as before.
 */
let clock = Date.parse('2031-09-14T08:00:00Z');
const idleMinutes = 30;
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let form: Form;
let serial = 0;
const password = 'Pointe de Zinal 3789 m';

beforeAll(async () => {
  testApp = await createTestApp({
    now: () => new Date(clock),
    env: { SESSION_IDLE_MINUTES: String(idleMinutes) },
  });
  const { db } = testApp.database;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  form = await publishPapersForm(db, sion, 'Remarques');
});
afterAll(() => testApp.close());

async function person() {
  serial += 1;
  const email = `kept-${serial}@example.ch`;
  await createLocalPerson(testApp.database.db, {
    givenNames: 'Léa',
    familyName: `Kept${serial}`,
    email,
    password,
  });
  const browser = httpClient(testApp.app);
  const logIn = async (as = email, returnTo = '') => {
    await browser.get('/login');
    return browser.post('/login/local', { email: as, password, return: returnTo });
  };
  expect((await logIn()).status).toBe(303);
  return { email, browser, logIn };
}

/** A draft of the form, its step's page opened (so the browser holds that page's token). */
async function draftOpenedBy(browser: ReturnType<typeof httpClient>) {
  const started = await browser.submit(`/forms/${form.id}/start`, {});
  const draft = started.headers.get('Location') ?? '';
  expect(draft).toMatch(/^\/forms\/drafts\//);
  expect((await browser.get(`${draft}?step=papers`)).status).toBe(200);
  return { page: `${draft}?step=papers`, post: `${draft}/steps/papers` };
}

const keptRows = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from kept_posts`.execute(testApp.database.db)).rows[0]
    ?.n;

/** The kept posts of the person with that e-mail address. */
const keptRowsOf = async (email: string) =>
  (
    await sql<{ n: number }>`
      select count(*)::int as n from kept_posts k join local_credentials l on l.person_id::text = k.subject
      where l.email = ${email}`.execute(testApp.database.db)
  ).rows[0]?.n;

const diploma = () => new File([Buffer.from('%PDF-1.7\n')], 'diplome.pdf', { type: 'application/pdf' });

describe('a form step posted after the session timed out', () => {
  it('is not applied, is kept sealed, and comes back on the step after logging in again as the same person', async () => {
    const { email, browser, logIn } = await person();
    const draft = await draftOpenedBy(browser);
    clock += (idleMinutes + 1) * 60_000;
    const ended = await browser.post(draft.post, { note: 'Original certifié conforme', diploma: diploma() });
    expect(ended.status).toBe(401);
    const page = await ended.text();
    expect(page).toContain('Votre session a pris fin');
    expect(page).toContain('Les fichiers joints ne sont pas conservés');
    const stored = await sql<{ sealed: string }>`select sealed from kept_posts`.execute(testApp.database.db);
    expect(stored.rows.map((r) => r.sealed).join()).not.toContain('certifié');

    const back = await logIn(undefined, draft.page);
    expect(back.headers.get('Location')).toBe(draft.page);
    const step = await (await browser.get(draft.page)).text();
    expect(step).toContain('value="Original certifié conforme"');
    expect(step).toContain('Rien n’a encore été enregistré');
    expect(step).toContain('Joignez à nouveau le fichier « Diplôme »');
    // The form says it was filled in from the kept post, right after its token (see `readLeadingFields`).
    expect(step).toMatch(/name="_csrf" value="[^"]*"\/><input type="hidden" name="_kept" value="1"\/>/);
    // For review only: the draft itself was never changed by the late post…
    const review = draft.page.replace('?step=papers', '/review');
    expect(await (await browser.get(review)).text()).not.toContain('Original certifié conforme');
    // …and once the person sends the step from that page (multipart, as a browser sends it, no file
    // chosen), what they send replaces what was kept.
    const noFile = new File([], '', { type: 'application/octet-stream' });
    const sent = await browser.submit(
      draft.post,
      { _kept: '1', note: 'Copie simple', diploma: noFile },
      draft.page,
    );
    expect(sent.status).toBe(303);
    expect(await keptRowsOf(email)).toBe(0);
    const after = await (await browser.get(draft.page)).text();
    expect(after).toContain('value="Copie simple"');
    expect(after).not.toContain('Rien n’a encore été enregistré');
    expect(after).not.toContain('name="_kept"');
  });

  it('is shown on the step wherever the person comes to it from, and stays until a post from a page that showed it', async () => {
    const { email, browser, logIn } = await person();
    const draft = await draftOpenedBy(browser);
    clock += (idleMinutes + 1) * 60_000;
    expect((await browser.post(draft.post, { note: 'Gardé pour plus tard' })).status).toBe(401);
    await logIn(undefined, '/my');
    // The draft's address without a step opens the step the person is at: the kept post is there too.
    const bare = draft.page.replace('?step=papers', '');
    expect(await (await browser.get(bare)).text()).toContain('value="Gardé pour plus tard"');
    // A post that does not say it comes from a page that showed the kept post (a script's, another
    // tab's opened before it was kept) is applied as ever, and does not forget it.
    expect((await browser.post(draft.post, { note: 'Sans la marque', action: 'save' })).status).toBe(303);
    expect(await keptRowsOf(email)).toBe(1);
    const still = await (await browser.get(draft.page)).text();
    expect(still).toContain('value="Gardé pour plus tard"');
    expect(still).toContain('name="_kept"');
    // Sent as a plain form from the page that shows it, it is forgotten as well.
    expect(
      (await browser.post(draft.post, { _kept: '1', note: 'Avec la marque', action: 'save' })).status,
    ).toBe(303);
    expect(await keptRowsOf(email)).toBe(0);
    expect(await (await browser.get(draft.page)).text()).toContain('value="Avec la marque"');
  });

  it('shows nothing of it to another person who logs in on that browser, and keeps it for its own', async () => {
    const owner = await person();
    const other = await person();
    const draft = await draftOpenedBy(owner.browser);
    clock += (idleMinutes + 1) * 60_000;
    expect((await owner.browser.post(draft.post, { note: 'Pour Léa seulement' })).status).toBe(401);
    expect((await owner.logIn(other.email, draft.page)).status).toBe(303);
    const seen = await owner.browser.get(draft.page);
    expect(seen.status).toBe(404);
    expect(await seen.text()).not.toContain('Pour Léa seulement');
    await owner.browser.post('/logout', {});
    await owner.logIn(undefined, draft.page);
    expect(await (await owner.browser.get(draft.page)).text()).toContain('value="Pour Léa seulement"');
  });

  it('refuses a cross-site post, a token of another session, and a post after logging out, as before', async () => {
    const { browser } = await person();
    const draft = await draftOpenedBy(browser);
    const stranger = httpClient(testApp.app);
    await stranger.get('/login');
    const before = await keptRows();
    clock += (idleMinutes + 1) * 60_000;
    const send = (token: string, headers: Record<string, string> = {}) =>
      testApp.app.request(draft.post, {
        method: 'POST',
        headers: {
          Cookie: browser.cookie(),
          'Content-Type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: new URLSearchParams({ _csrf: token, note: 'forgé' }),
      });
    expect((await send(browser.csrf(), { Origin: 'https://attaquant.example' })).status).toBe(403);
    expect((await send(browser.csrf(), { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await send(stranger.csrf())).status).toBe(403);
    expect((await send('')).status).toBe(403);
    expect(await keptRows()).toBe(before);

    const { browser: leaving } = await person();
    const left = await draftOpenedBy(leaving);
    const token = leaving.csrf();
    const cookie = leaving.cookie();
    expect((await leaving.post('/logout', {})).status).toBe(303);
    const replay = await testApp.app.request(left.post, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: token, note: 'après la déconnexion' }),
    });
    expect(replay.status).not.toBe(200);
    expect(await keptRows()).toBe(before);
  });

  it('lets the kept post expire: an hour later it is gone, and purged', async () => {
    const { browser, logIn } = await person();
    const draft = await draftOpenedBy(browser);
    clock += (idleMinutes + 1) * 60_000;
    expect((await browser.post(draft.post, { note: 'Trop tard' })).status).toBe(401);
    clock += 61 * 60_000;
    await logIn(undefined, draft.page);
    expect(await (await browser.get(draft.page)).text()).not.toContain('Trop tard');
    expect(await purgeKeptPosts(testApp.database.db, new Date(clock))).toBeGreaterThanOrEqual(1);
  });

  it('is still kept when the post comes hours after the time-out, once the purge job has run', async () => {
    const { browser } = await person();
    const draft = await draftOpenedBy(browser);
    clock += 5 * 60 * 60_000;
    await purgeExpiredSessions(testApp.database.db, { idleMinutes, absoluteHours: 12 }, new Date(clock));
    const late = await browser.post(draft.post, { note: 'Après le déjeuner' });
    expect(late.status).toBe(401);
    expect(await late.text()).toContain('Votre session a pris fin');
  });
});

describe('the time-out warning', () => {
  const timeLeftIn = (html: string) => ({
    idle: Number(html.match(/data-idle-seconds="(\d+)"/)?.[1]),
    absolute: Number(html.match(/data-absolute-seconds="(\d+)"/)?.[1]),
  });
  const keepAlive = (browser: ReturnType<typeof httpClient>, token = browser.csrf()) =>
    testApp.app.request('/session/keep-alive', {
      method: 'POST',
      headers: { Cookie: browser.cookie(), 'X-CSRF-Token': token, Accept: 'application/json' },
    });

  it('gives a logged-in page the time left as the server counts it, and none to anonymous pages', async () => {
    const { browser } = await person();
    expect(timeLeftIn(await (await browser.get('/my')).text())).toEqual({ idle: 1800, absolute: 12 * 3600 });
    // Within the minute the session's row is not touched: the time left is counted from the last touch.
    clock += 30_000;
    expect(timeLeftIn(await (await browser.get('/my')).text()).idle).toBe(1770);
    const anonymous = await (await httpClient(testApp.app).get('/login')).text();
    expect(anonymous).not.toContain('session-timeout');
  });

  it('extends the session with "stay logged in": a state-changing, CSRF-checked route', async () => {
    const { browser } = await person();
    await browser.get('/my');
    clock += (idleMinutes - 1) * 60_000;
    expect((await keepAlive(browser, '')).status).toBe(403);
    const kept = await keepAlive(browser);
    expect(kept.status).toBe(200);
    expect(await kept.json()).toEqual({
      idleSeconds: idleMinutes * 60,
      absoluteSeconds: 12 * 3600 - 29 * 60,
    });
    clock += (idleMinutes - 1) * 60_000;
    expect((await browser.get('/my')).status).toBe(200);
    clock += (idleMinutes + 1) * 60_000;
    expect((await keepAlive(browser)).status).toBe(403);
    expect((await browser.get('/my')).status).not.toBe(200);
  });
});
