import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { statementsSentDuring } from '../../../tests/support/statements.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { defaultWriteLimit } from '../../platform/http/rate-limit.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { startDraft } from './drafts.ts';
import { createForm, type Form, publishForm } from './forms.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: PersonActor;
let form: Form;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  const sion = await getAuthorityBySlug(db, 'sion');
  form = await createForm(db, 'test', {
    authorityId: sion?.id ?? '',
    name: 'Envoi',
    definition: {
      format: 'guichet-form/1',
      title: { fr: 'Envoi' },
      steps: [
        { id: 'main', title: { fr: 'Étape' }, fields: [{ id: 'a', type: 'text', label: { fr: 'A' } }] },
      ],
    },
  });
  expect(await publishForm(db, 'test', form)).toEqual([]);
});
afterAll(() => testApp.close());

/** A person of their own (their own write limit) with a filled draft. */
async function personWithDraft() {
  const { db } = testApp.database;
  actor = await createCitizen(db, { givenNames: 'Léa', familyName: `Envoi ${randomUUID()}` });
  return startDraft(db, {
    formId: form.id,
    version: 1,
    accountId: actor.account.id,
    personId: actor.id,
    mandateId: null,
    answers: { a: 'x' },
  });
}

/** A browser session's cookie and CSRF token. */
async function browser() {
  const page = await testApp.app.request('/login');
  return { cookie: cookiesFrom(page), token: csrfTokenIn(await page.text()) };
}

/** Posts "send" on a draft's review page. */
async function send(draftId: string, from?: Awaited<ReturnType<typeof browser>>) {
  const { cookie, token } = from ?? (await browser());
  return testApp.app.request(`/forms/drafts/${draftId}/submit`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token }),
  });
}

const hitsOf = async (person: PersonActor) =>
  (
    await sql<{ n: number }>`
      select coalesce(sum(hits), 0)::int as n from rate_limit_hits
      where bucket = ${defaultWriteLimit.bucket} and key = ${`person:${person.id}`}`.execute(
      testApp.database.db,
    )
  ).rows[0]?.n;

const submissionsOf = async (draftId: string) =>
  (
    await sql<{
      n: number;
    }>`select count(*)::int as n from form_submissions where draft_id = ${draftId}`.execute(
      testApp.database.db,
    )
  ).rows[0]?.n;

describe('sending a filled draft', () => {
  it('takes two statements besides the session: the rate-limit hit with the draft, then the submission', async () => {
    const draft = await personWithDraft();
    const session = await browser();
    const statements = await statementsSentDuring(async () => {
      const sent = await send(draft.id, session);
      expect(sent.status).toBe(303);
      expect(sent.headers.get('Location')).toMatch(/^\/forms\/submissions\//);
    });
    const label = (text: string) =>
      /insert into rate_limit_hits[\s\S]*from "form_drafts"/.test(text)
        ? 'rate-limit hit and draft'
        : /from "account_members"/.test(text)
          ? 'memberships'
          : /^\s*with (kept as \(.*\),\s*)?inserted as \(\s*insert into form_submissions[\s\S]*audit/.test(
                text,
              )
            ? 'submission'
            : text;
    // Besides the session's: the request path reads the memberships (here the policy, as the actor is
    // given; in production resolveActor, and the policy reuses them).
    expect(statements.filter((text) => !/"sessions"/.test(text)).map(label)).toEqual([
      'rate-limit hit and draft',
      'memberships',
      'submission',
    ]);
    expect(statements.filter((text) => /^\s*(begin|commit)/i.test(text))).toEqual([]);
    expect(await hitsOf(actor)).toBe(1);
  });

  it('is refused over the write limit before anything is made of the draft, the hit counted all the same', async () => {
    const draft = await personWithDraft();
    const windowMs = defaultWriteLimit.windowSeconds * 1000;
    await sql`
      insert into rate_limit_hits (bucket, key, window_start, hits)
      values (${defaultWriteLimit.bucket}, ${`person:${actor.id}`},
              ${new Date(Math.floor(Date.now() / windowMs) * windowMs)}, ${defaultWriteLimit.limit + 1})`.execute(
      testApp.database.db,
    );
    const refused = await send(draft.id);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await submissionsOf(draft.id)).toBe(0);
    expect(await hitsOf(actor)).toBe(defaultWriteLimit.limit + 2);
    // Someone else's draft, or none: the same answer, counted the same.
    expect((await send(randomUUID())).status).toBe(429);
    expect(await hitsOf(actor)).toBe(defaultWriteLimit.limit + 3);
  });

  it('counts the hit of a post that finds no draft, whether or not it got as far as reading', async () => {
    await personWithDraft();
    expect((await send(randomUUID())).status).toBe(404);
    expect(await hitsOf(actor)).toBe(1);
    // Not an id at all: the handler refuses before any statement, and the router counts it after.
    expect((await send('not-an-id')).status).toBe(404);
    expect(await hitsOf(actor)).toBe(2);
  });
});
