import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOn } from '../../../tests/security/support/browser-session.ts';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { statementsSentDuring } from '../../../tests/support/statements.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { getAuthorityBySlug, grantStaffRole } from '../authorities/index.ts';
import { acceptMandate, proposeMandate } from '../mandates/index.ts';

/**
 * A logged-in request learns its session, person, accounts and staff roles in one round trip (the
 * session's row read with each module's part); the next ones read only whether anything they depend
 * on changed since (ADR 32), so a change still counts at the next request.
 */
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let serial = 0;
const password = 'Grand Combin 4314 m';

beforeAll(async () => {
  testApp = await createTestApp({ env: { TRUST_PROXY: 'true' } });
});
afterAll(() => testApp.close());

async function loggedIn() {
  serial += 1;
  const email = `request-path-${serial}@example.ch`;
  const person = await createLocalPerson(testApp.database.db, {
    givenNames: 'Rita',
    familyName: `Path${serial}`,
    email,
    password,
  });
  const browser = browserOn(testApp.app, `192.0.2.${100 + serial}`);
  await browser.get('/login');
  expect((await browser.post('/login/local', { email, password })).status).toBe(303);
  return { ...person, browser };
}

/** Their sessions' page: the request path's statement, then the page's own one (the list). */
async function sessionsPage(browser: ReturnType<typeof browserOn>) {
  let status = 0;
  const statements = await statementsSentDuring(async () => {
    status = (await browser.get('/profile/sessions')).status;
  });
  return { status, statements };
}

describe('the request path', () => {
  it("reads a citizen's session, person, accounts and roles in one statement", async () => {
    const { browser } = await loggedIn();
    // The session's id changed at login: nothing is kept for it yet.
    const first = await sessionsPage(browser);
    expect(first.status).toBe(200);
    expect(first.statements).toHaveLength(2);
    expect(first.statements[0]).toMatch(/from "sessions"/);
    for (const table of ['persons', 'account_members', 'authority_staff'])
      expect(first.statements[0]).toContain(` ${table} `);
    // Then only whether anything changed in the person's scopes since that read.
    const { status, statements } = await sessionsPage(browser);
    expect(status).toBe(200);
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/from "sessions"/);
    expect(statements[0]).toContain(' change_log ');
    expect(statements[0]).not.toContain(' persons ');
    // A page listing the person's accounts gets the ones read with the session, kept since.
    const accounts = await statementsSentDuring(() => browser.get('/accounts'));
    expect(accounts.filter((s) => s.includes('account_members'))).toHaveLength(0);
    expect(await (await browser.get('/accounts')).text()).toContain('Rita Path');
  });

  it("reads a clerk's staff roles in the same statement, and a role removed counts at the next request", async () => {
    const { browser, personId } = await loggedIn();
    const { db } = testApp.database;
    const authority = await getAuthorityBySlug(db, 'spf');
    if (!authority) throw new Error('no demo authority');
    await grantStaffRole(db, 'test', { authorityId: authority.id, personId, role: 'agent' });
    expect((await browser.get('/back-office')).status).toBe(200);
    expect((await sessionsPage(browser)).statements).toHaveLength(2);
    await sql`delete from authority_staff where person_id = ${personId}`.execute(db);
    expect((await browser.get('/back-office')).status).toBe(403);
  });

  it("reads the mandate and the principal's account in the same statement when the person acts for someone else", async () => {
    const principal = await loggedIn();
    const agent = await loggedIn();
    const { db } = testApp.database;
    const mandate = await proposeMandate(db, principal.personId, 'holder', {
      principalAccountId: principal.accountId,
      agent: { personId: agent.personId },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: '2020-01-01',
    });
    await acceptMandate(db, agent.personId, mandate.id);
    await agent.browser.get('/accounts');
    const switched = await agent.browser.post('/accounts/switch', { account: principal.accountId });
    expect(switched.status).toBe(303);
    const { statements } = await sessionsPage(agent.browser); // a new id since the switch
    expect(statements).toHaveLength(2);
    for (const table of ['mandates', 'accounts']) expect(statements[0]).toContain(` ${table} `);
    expect((await sessionsPage(agent.browser)).statements).toHaveLength(2);
    expect(await (await agent.browser.get('/my')).text()).toContain('avec une procuration');
    // Read with the session on every request: a revocation counts from the agent's next one.
    await sql`update mandates set state = 'revoked' where id = ${mandate.id}`.execute(db);
    expect(await (await agent.browser.get('/my')).text()).not.toContain('avec une procuration');
  });
});
