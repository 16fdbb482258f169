import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { statementsSentDuring } from '../../../tests/support/statements.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { publishPapersForm } from '../../../tests/support/test-forms.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import type { Form } from './forms.ts';

/**
 * What a person's ordinary use of a step costs the database: a post kept after a time-out (ADR 28)
 * almost never exists, so looking for it (and forgetting it) must not add a round trip of its own.
 */
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let form: Form;
let serial = 0;

beforeAll(async () => {
  testApp = await createTestApp();
  const { db } = testApp.database;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  form = await publishPapersForm(db, sion, 'Compter');
});
afterAll(() => testApp.close());

/** A person of their own, logged in, with a draft of the form; the step's page and post addresses. */
async function personOnTheStep() {
  serial += 1;
  const email = `compter-${serial}@example.ch`;
  const password = 'Lac de Moiry 2249 m';
  await createLocalPerson(testApp.database.db, {
    givenNames: 'Léa',
    familyName: `Compter${serial}`,
    email,
    password,
  });
  const browser = httpClient(testApp.app);
  await browser.get('/login');
  expect((await browser.post('/login/local', { email, password })).status).toBe(303);
  const draft = (await browser.submit(`/forms/${form.id}/start`, {})).headers.get('Location') ?? '';
  expect(draft).toMatch(/^\/forms\/drafts\//);
  return { browser, page: `${draft}?step=papers`, post: `${draft}/steps/papers` };
}

/** What each statement is, for the list a test pins. */
const label = (text: string) =>
  /from "sessions"/.test(text)
    ? 'session'
    : /from "form_drafts" as "d"/.test(text)
      ? /kept_posts/.test(text)
        ? 'draft, with the kept post'
        : 'draft'
      : /insert into "indicator_events"/.test(text)
        ? 'step reached'
        : /insert into rate_limit_hits/.test(text)
          ? 'rate-limit hit'
          : /^update "form_drafts" set "answers"/.test(text)
            ? 'answers saved'
            : /kept_posts/.test(text)
              ? 'kept post alone'
              : text;

describe('a step of a form, used as every person does', () => {
  // Before, each took one statement more: the step page looked for a kept post on its own, and every
  // post of the step deleted one whether or not there was any.
  it('is shown in 3 statements: the kept post is looked for along the draft', async () => {
    const { browser, page } = await personOnTheStep();
    await browser.get(page);
    const statements = await statementsSentDuring(async () => {
      expect((await browser.get(page)).status).toBe(200);
    });
    expect(statements.map(label)).toEqual(['session', 'draft, with the kept post', 'step reached']);
  });

  it('is saved in 4 statements, sent as a browser sends it, with nothing for kept posts', async () => {
    const { browser, page, post } = await personOnTheStep();
    const shown = await (await browser.get(page)).text();
    expect(shown).not.toContain('name="_kept"');
    // The step's form is multipart, its token first: what the router reads of it is the body's head.
    const body = new FormData();
    body.append('_csrf', browser.csrf());
    body.append('note', 'Copie');
    body.append('diploma', new File([], ''), '');
    body.append('action', 'save');
    const statements = await statementsSentDuring(async () => {
      const saved = await testApp.app.request(post, {
        method: 'POST',
        headers: { Cookie: browser.cookie() },
        body,
      });
      expect(saved.status).toBe(303);
    });
    expect(statements.map(label)).toEqual(['session', 'rate-limit hit', 'draft', 'answers saved']);
  });

  it('is saved in 4 statements when sent as a plain form too', async () => {
    const { browser, page, post } = await personOnTheStep();
    await browser.get(page);
    const statements = await statementsSentDuring(async () => {
      expect((await browser.post(post, { note: 'Copie', action: 'save' })).status).toBe(303);
    });
    expect(statements.map(label)).toEqual(['session', 'rate-limit hit', 'draft', 'answers saved']);
  });
});
