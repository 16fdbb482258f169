import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, createLocalPerson, personActor } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { queriesSentDuring, statementsSentDuring } from '../../../tests/support/statements.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import { startDraft } from '../forms/index.ts';
import { acceptMandate, proposeMandate } from '../mandates/index.ts';
import { postMessage, startThread } from '../messaging/index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let cookie = '';
/** Sends Rita one more request, as another instance of the platform would. */
let openAnother: () => Promise<unknown>;

beforeAll(async () => {
  // Logged in for real: the page is counted with the request path that reads the person and accounts.
  testApp = await createTestApp();
  const { db } = testApp.database;
  const password = 'compte-Passw0rd-long-enough';
  const rita = await createLocalPerson(db, {
    givenNames: 'Rita',
    familyName: 'Compte',
    email: 'rc@example.ch',
    password,
  });
  const other = await createLocalPerson(db, {
    givenNames: 'Paul',
    familyName: 'Autre',
    email: 'pa@example.ch',
    password,
  });
  const authority = await createAuthority(db);
  const form = await createRequestForm(db, authority.id);
  const citizen = personActor({
    id: rita.personId,
    account: { id: rita.accountId, name: 'Rita Compte', kind: 'personal', role: 'admin' },
  });
  // Something in every section that reads its own data: a draft, a request, mandates both ways, a
  // message from the authority.
  await openRequest(db, citizen, form.id);
  openAnother = () => openRequest(db, citizen, form.id);
  await startDraft(db, {
    formId: form.id,
    version: 1,
    accountId: rita.accountId,
    personId: rita.personId,
    mandateId: null,
    answers: {},
  });
  const today = new Date().toISOString().slice(0, 10);
  const terms = { themes: ['tax' as const], permissions: ['consult' as const], validFrom: today };
  await proposeMandate(db, rita.personId, 'holder', {
    principalAccountId: rita.accountId,
    agent: { personId: other.personId },
    ...terms,
  });
  await proposeMandate(db, other.personId, 'holder', {
    principalAccountId: other.accountId,
    agent: { personId: rita.personId },
    ...terms,
  });
  // Rita also acts for Paul, whose account has a message waiting: the other accounts are counted too.
  const forPaul = await proposeMandate(db, other.personId, 'holder', {
    principalAccountId: other.accountId,
    agent: { personId: rita.personId },
    ...terms,
  });
  await acceptMandate(db, rita.personId, forPaul.id);
  for (const [accountId, mandateId] of [
    [rita.accountId, undefined],
    [other.accountId, forPaul.id], // as Paul's representative
  ] as const) {
    const thread = await startThread(db, {
      authorityId: authority.id,
      accountId,
      subject: 'Question',
      authorPersonId: rita.personId,
      authorName: 'Rita Compte',
      body: 'Bonjour',
      mandateId,
    });
    await postMessage(db, thread, {
      side: 'authority',
      authorPersonId: other.personId,
      authorName: 'Agent',
      body: 'Oui',
    });
  }
  const login = await testApp.app.request('/login');
  const response = await testApp.app.request('/login/local', {
    method: 'POST',
    headers: { Cookie: cookiesFrom(login), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrfTokenIn(await login.text()),
      email: 'rc@example.ch',
      password,
    }).toString(),
  });
  expect(response.status).toBe(303);
  cookie = cookiesFrom(response);
});
afterAll(async () => {
  await testApp?.close();
});

describe('my space', () => {
  it("reads every section of a citizen's page in one statement, after the request path", async () => {
    const get = () => testApp.app.request('/my', { headers: { Cookie: cookie } });
    await get(); // warm: what is read once per process
    await openAnother(); // what was kept for the session no longer holds
    let html = '';
    const seen = await statementsSentDuring(async () => {
      const response = await get();
      expect(response.status).toBe(200);
      html = await response.text();
    });
    // Every section had something to say, and so had the account Rita acts for.
    for (const shown of [
      'Reprendre',
      'Demandes en cours : 2',
      'Messages non lus : 1',
      'Reçues, à accepter ou refuser : 1',
      'Procurations reçues en vigueur : 1',
    ])
      expect(html).toContain(shown);
    // In Paul's account: the answer Rita got as his representative, and its notice to her.
    expect(html).toMatch(/Paul Autre<\/h3><p>[^<]*<\/p><p><strong[^>]*>2 en attente/);
    // The request path (session, person, accounts, staff roles) is another's to merge; the page's own
    // work is one round trip, whatever the sections hold — then, for the account Rita acts for only,
    // what the policy lets her see there under her mandate (drafts, documents and threads by its
    // themes and the mandate itself), as those sections read it when that account is in use.
    const own = seen.filter((text) => !/\b(sessions|persons|account_members|authority_staff)\b/.test(text));
    for (const table of ['form_drafts', 'cases', 'mandates', 'message_threads', 'documents', 'notifications'])
      expect(own[0]).toMatch(new RegExp(`\\b${table}\\b`));
    const forPaul = own.slice(1);
    expect(forPaul.length).toBeLessThanOrEqual(6);
    for (const statement of forPaul)
      expect(statement).toMatch(/\b(form_drafts|mandates|documents|message_threads)\b/);
    expect(seen.length).toBeLessThanOrEqual(4 + forPaul.length);
  });

  it('sends the page kept for the session while nothing it shows changed, and reads it again once something did', async () => {
    const get = async () => {
      const response = await testApp.app.request('/my', { headers: { Cookie: cookie } });
      expect(response.status).toBe(200);
      return { html: await response.text(), csp: response.headers.get('Content-Security-Policy') ?? '' };
    };
    const first = await get();
    let again = first;
    const seen = await statementsSentDuring(async () => {
      again = await get();
    });
    // Only the session's row and whether anything in its scopes changed since.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain(' change_log ');
    // The same page, with this response's own nonce (the one its CSP names) and time left.
    const nonceOf = (page: { html: string; csp: string }) => {
      const nonce = /'nonce-([^']+)'/.exec(page.csp)?.[1] ?? '';
      expect(page.html).toContain(`nonce="${nonce}"`);
      return nonce;
    };
    expect(nonceOf(again)).not.toBe(nonceOf(first));
    const plain = (html: string) =>
      html.replaceAll(/nonce="[^"]*"/g, '').replaceAll(/data-(idle|absolute)-seconds="\d+"/g, '');
    expect(plain(again.html)).toBe(plain(first.html));
    expect(again.html).toMatch(/data-idle-seconds="\d+"/);
    // A request sent meanwhile (through another instance, or a clerk's answer) shows at once.
    const before = /Demandes en cours : (\d+)/.exec(again.html)?.[1];
    await openAnother();
    const after = await get();
    expect(/Demandes en cours : (\d+)/.exec(after.html)?.[1]).toBe(String(Number(before) + 1));
  });

  it('keeps a page only over tables that log their changes: every table its statements read', async () => {
    await openAnother();
    const seen = await queriesSentDuring(async () =>
      testApp.app.request('/my', { headers: { Cookie: cookie } }),
    );
    const { db } = testApp.database;
    const read = new Set<string>();
    type Plan = { 'Relation Name'?: string; Plans?: Plan[] };
    const walk = (plan: Plan) => {
      if (plan['Relation Name']) read.add(plan['Relation Name']);
      for (const child of plan.Plans ?? []) walk(child);
    };
    for (const { text } of seen) {
      const { rows } = await sql
        .raw<{ 'QUERY PLAN': { Plan: Plan }[] }>(`explain (generic_plan, format json) ${text}`)
        .execute(db);
      for (const row of rows) walk(row['QUERY PLAN'][0]?.Plan ?? {});
    }
    // The session's row is checked itself; the log is what is checked.
    for (const table of ['sessions', 'change_log', 'cases', 'mandates', 'persons'])
      expect(read).toContain(table);
    const { rows } = await sql<{ relname: string }>`select c.relname from pg_trigger t
      join pg_class c on c.oid = t.tgrelid where t.tgname = 'log_change'`.execute(db);
    const logged = new Set(rows.map((r) => r.relname));
    const unlogged = [...read].filter(
      (table) => !logged.has(table) && table !== 'sessions' && table !== 'change_log',
    );
    expect(unlogged).toEqual([]);
  });
});
