import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personActor } from '../../../tests/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { seedDemo } from '../../seed/demo.ts';
import { ensurePersonalAccount, openProfessionalAccount } from '../accounts/accounts.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createPersonWithLink } from '../identity/index.ts';
import {
  acceptMandate,
  approveMandate,
  closeMandate,
  delegateMandate,
  proposeMandate,
  requestMandate,
} from '../mandates/index.ts';
import {
  type Action,
  accountActions,
  allActions,
  apiScopes,
  authorityActions,
  formApiActions,
  integrationActions,
  mandateActions,
  type Resource,
  requestActions,
} from './actions.ts';
import { can } from './can.ts';

let database: TestDatabase;
const actors: Record<string, Actor | null> = {};
const resources: Record<string, Resource> = {};
const accounts: Record<string, string> = {};
const mandates: Record<string, string> = {};
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);

async function person(name: string) {
  const { person: p } = await createPersonWithLink(
    database.db,
    { givenNames: name, familyName: 'Test' },
    { provider: 'test', subject: name, level: 'high' },
  );
  accounts[name] = await ensurePersonalAccount(database.db, p.id, `${name} Test`);
  return p.id;
}

async function organisation(name: string, uid: string, adminId: string) {
  const { rows } = await sql<{
    id: string;
  }>`insert into organisations (uid, name, legal_form, seat) values (${uid}, ${name}, 'SA', 'Sion') returning id`.execute(
    database.db,
  );
  accounts[name] = await openProfessionalAccount(database.db, adminId, { id: rows[0]?.id ?? '', name });
  return accounts[name];
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  const ids: Record<string, string> = {};
  for (const name of [
    'principal',
    'agent',
    'revokedAgent',
    'expiredAgent',
    'stranger',
    'companyAdmin',
    'companyMember',
    'fiduciaryAdmin',
    'accountant',
    'secondFiduciaryAdmin',
    'unauthorisedAccountant',
  ]) {
    ids[name] = await person(name);
  }
  const company = await organisation('Company SA', 'CHE123456788', ids.companyAdmin ?? '');
  await sql`insert into account_members (account_id, person_id, role) values (${company}, ${ids.companyMember}, 'member')`.execute(
    database.db,
  );
  const fiduciary = await organisation('Fiduciary Sàrl', 'CHE234567895', ids.fiduciaryAdmin ?? '');
  const secondFiduciary = await organisation(
    'Other Fiduciary SA',
    'CHE345678915',
    ids.secondFiduciaryAdmin ?? '',
  );
  const principal = accounts.principal ?? '';
  const terms = (agentId: string, extra: object = {}) => ({
    principalAccountId: principal,
    agent: { personId: agentId },
    themes: ['tax' as const],
    permissions: ['consult' as const, 'submit' as const],
    validFrom: lastYear,
    ...extra,
  });

  // A person grants a tax mandate to another, who accepts.
  const granted = await proposeMandate(database.db, ids.principal ?? '', 'holder', terms(ids.agent ?? ''));
  await acceptMandate(database.db, ids.agent ?? '', granted.id);
  mandates.granted = granted.id;
  // Revoked, and ended yesterday.
  const revoked = await proposeMandate(
    database.db,
    ids.principal ?? '',
    'holder',
    terms(ids.revokedAgent ?? ''),
  );
  await acceptMandate(database.db, ids.revokedAgent ?? '', revoked.id);
  await closeMandate(database.db, ids.principal ?? '', revoked.id, 'revoked');
  const expired = await proposeMandate(
    database.db,
    ids.principal ?? '',
    'holder',
    terms(ids.expiredAgent ?? '', { validTo: yesterday }),
  );
  await acceptMandate(database.db, ids.expiredAgent ?? '', expired.id);
  // The company mandates a fiduciary firm with the right to grant, which assigns its accountant.
  const toFiduciary = await requestMandate(database.db, ids.fiduciaryAdmin ?? '', {
    principalAccountId: company,
    agent: { accountId: fiduciary },
    themes: ['tax'],
    permissions: ['consult'],
    validFrom: lastYear,
    mayDelegate: true,
  });
  await approveMandate(database.db, ids.companyAdmin ?? '', 'single', toFiduciary.id);
  mandates.toFiduciary = toFiduciary.id;
  mandates.toAccountant = (
    await delegateMandate(database.db, ids.fiduciaryAdmin ?? '', toFiduciary.id, {
      agent: { personId: ids.accountant ?? '' },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: lastYear,
    })
  ).id;
  // A second firm without the right to grant cannot pass it on.
  const noRight = await requestMandate(database.db, ids.secondFiduciaryAdmin ?? '', {
    principalAccountId: company,
    agent: { accountId: secondFiduciary },
    themes: ['tax'],
    permissions: ['consult'],
    validFrom: lastYear,
  });
  await approveMandate(database.db, ids.companyAdmin ?? '', 'single', noRight.id);
  await expect(
    delegateMandate(database.db, ids.secondFiduciaryAdmin ?? '', noRight.id, {
      agent: { personId: ids.unauthorisedAccountant ?? '' },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: lastYear,
    }),
  ).rejects.toMatchObject({ code: 'no_right_to_grant' });

  const sion = (await getAuthorityBySlug(database.db, 'sion'))?.id ?? '';
  const sierre = (await getAuthorityBySlug(database.db, 'sierre'))?.id ?? '';
  // Each person uses their own account; the agent also appears acting for the principal.
  for (const [name, id] of Object.entries(ids))
    actors[name] = personActor({
      id,
      displayName: name,
      account: { id: accounts[name] ?? '', name, kind: 'personal' },
    });
  actors.agentForPrincipal = personActor({
    id: ids.agent,
    account: { id: principal, name: 'principal Test', kind: 'personal' },
    mandate: { id: mandates.granted ?? '', themes: ['tax'] },
  });
  actors.anonymous = null;
  actors.sionAgent = personActor({ staffRoles: [{ authorityId: sion, role: 'agent' }] });
  actors.sierreAdmin = personActor({ staffRoles: [{ authorityId: sierre, role: 'authorityAdmin' }] });
  actors.sierreDesigner = personActor({ staffRoles: [{ authorityId: sierre, role: 'serviceDesigner' }] });
  actors.platformAdmin = personActor({ platformAdmin: true });
  actors.sionApp = { kind: 'apiClient', id: 'sion-app', authorityId: sion, scopes: apiScopes };
  actors.sierreApp = { kind: 'apiClient', id: 'sierre-app', authorityId: sierre, scopes: apiScopes };
  // A key that may only read requests: every other API action is refused, even in its own authority.
  actors.sionReader = { kind: 'apiClient', id: 'sion-reader', authorityId: sion, scopes: ['requests:read'] };

  resources.principalTax = { type: 'account', accountId: principal, theme: 'tax' };
  resources.principalDebts = { type: 'account', accountId: principal, theme: 'debtCollection' };
  resources.principalAnyTheme = { type: 'account', accountId: principal };
  resources.companyTax = { type: 'account', accountId: company, theme: 'tax' };
  resources.sion = { type: 'authority', authorityId: sion };
  resources.personMandate = {
    type: 'mandate',
    principalAccountId: principal,
    agentPersonId: ids.agent ?? '',
    agentAccountId: null,
  };
  resources.firmMandate = {
    type: 'mandate',
    principalAccountId: company,
    agentPersonId: null,
    agentAccountId: fiduciary,
  };
  resources.sierre = { type: 'authority', authorityId: sierre };

  // Threads, drafts and submissions.
  const ofPrincipal = { accountId: principal, authorityId: sion };
  resources.principalThread = { type: 'thread', ...ofPrincipal, mandateId: null };
  resources.agentThread = { type: 'thread', ...ofPrincipal, mandateId: mandates.granted ?? '' };
  resources.principalDraft = { type: 'draft', accountId: principal, personId: ids.principal ?? '' };
  resources.agentTaxDraft = { type: 'draft', accountId: principal, personId: ids.agent ?? '', theme: 'tax' };
  resources.agentDebtsDraft = {
    type: 'draft',
    accountId: principal,
    personId: ids.agent ?? '',
    theme: 'debtCollection',
  };
  resources.principalSubmission = { type: 'submission', accountId: principal, personId: ids.principal ?? '' };
  resources.agentSubmission = { type: 'submission', accountId: principal, personId: ids.agent ?? '' };
  // One request here; the request rules have their own matrix below.
  resources.principalRequest = { type: 'request', authorityId: sion, accountId: principal, mandateId: null };
  // A support ticket the principal opened, handed over to Sion by the desk (here Sierre's), and one
  // opened with an e-mail address only, still at the desk.
  resources.principalTicket = {
    type: 'ticket',
    requesterPersonId: ids.principal ?? '',
    handlerAuthorityId: sion,
    deskAuthorityId: sierre,
  };
  resources.mailTicket = {
    type: 'ticket',
    requesterPersonId: null,
    handlerAuthorityId: sierre,
    deskAuthorityId: sierre,
  };
  resources.principalBooking = { type: 'booking', authorityId: sion, accountId: principal };
});
afterAll(() => database.drop());

const allAccountActions = [...accountActions];
/** Every allowed (actor, action, resource); anything not listed must be refused. */
const allowed: [string, string[], string[]][] = [
  ['principal', allAccountActions, ['principalTax', 'principalDebts', 'principalAnyTheme']],
  ['principal', ['mandate.approve', 'mandate.revoke'], ['personMandate']],
  ['agent', ['mandate.respond'], ['personMandate']],
  ['companyAdmin', ['mandate.approve', 'mandate.revoke'], ['firmMandate']],
  ['fiduciaryAdmin', ['mandate.respond'], ['firmMandate']],
  ['agent', ['account.consult', 'account.submit'], ['principalTax']],
  ['agentForPrincipal', ['mandate.respond'], ['personMandate']],
  ['agentForPrincipal', ['account.consult', 'account.submit'], ['principalTax']],
  ['companyAdmin', allAccountActions, ['companyTax']],
  ['companyMember', ['account.consult', 'account.submit', 'account.receive', 'account.pay'], ['companyTax']],
  ['accountant', ['account.consult'], ['companyTax']],
  [
    'sionAgent',
    [
      'authority.processRequests',
      'authority.publishDocuments',
      'authority.viewPayments',
      'authority.sendQrBills',
      'authority.viewIndicators',
      'authority.handleBookings',
    ],
    ['sion'],
  ],
  ['sierreAdmin', [...authorityActions], ['sierre']],
  ['sierreDesigner', ['authority.designServices', 'authority.manageBookingResources'], ['sierre']],
  ['platformAdmin', ['authority.manageBranding'], ['sion', 'sierre']],
  // Threads, drafts and submissions
  ['principal', ['thread.read', 'thread.write'], ['principalThread', 'agentThread']],
  ['agentForPrincipal', ['thread.read', 'thread.write'], ['agentThread']],
  ['sionAgent', ['thread.handle', 'thread.assign'], ['principalThread', 'agentThread']],
  ['principal', ['draft.fillIn'], ['principalDraft']],
  ['agentForPrincipal', ['draft.fillIn'], ['agentTaxDraft']],
  ['principal', ['submission.view'], ['principalSubmission']],
  ['agentForPrincipal', ['submission.view'], ['agentSubmission']],
  ['principal', ['account.use'], ['principalTax', 'principalDebts', 'principalAnyTheme']],
  ['agent', ['account.use'], ['principalTax', 'principalDebts', 'principalAnyTheme']],
  ['agentForPrincipal', ['account.use'], ['principalTax', 'principalDebts', 'principalAnyTheme']],
  ['companyAdmin', ['account.use'], ['companyTax']],
  ['companyMember', ['account.use'], ['companyTax']],
  ['accountant', ['account.use'], ['companyTax']],
  // A request of the principal's, handled by Sion (its own matrix below goes further)
  [
    'principal',
    ['request.view', 'request.message', 'request.answerComplement', 'request.withdraw'],
    ['principalRequest'],
  ],
  ['sionAgent', ['request.process'], ['principalRequest']],
  ['sionApp', ['request.readThroughApi', 'request.changeThroughApi'], ['principalRequest']],
  ['sionReader', ['request.readThroughApi'], ['principalRequest']],
  // Support tickets: their requester follows them, the handling authority and the desk handle them
  ['principal', ['ticket.follow'], ['principalTicket']],
  ['sionAgent', ['ticket.handle'], ['principalTicket']],
  ['sierreAdmin', ['ticket.handle'], ['principalTicket', 'mailTicket']],
  // A booking: its account's own people see and cancel it, Sion's staff decide on it
  ['principal', ['booking.view', 'booking.cancel'], ['principalBooking']],
  ['sionAgent', ['booking.decide'], ['principalBooking']],
  // Business applications, in their own authority only, within their keys' scopes
  ['sionApp', [...integrationActions, ...formApiActions], ['sion']],
  ['sierreApp', [...integrationActions, ...formApiActions], ['sierre']],
];

describe('the authorisation matrix', () => {
  it('answers every actor × action × resource as written down, refusing everything else', async () => {
    const expected = new Set(
      allowed.flatMap(([actor, actions, on]) => actions.flatMap((a) => on.map((r) => `${actor} ${a} ${r}`))),
    );
    const wrong: string[] = [];
    let checked = 0;
    for (const [actorName, actor] of Object.entries(actors)) {
      for (const action of allActions) {
        for (const [resourceName, resource] of Object.entries(resources)) {
          const key = `${actorName} ${action} ${resourceName}`;
          const decision = await can(database.db, actor, action, resource);
          if (decision.allowed !== expected.has(key))
            wrong.push(`${key}: ${decision.allowed ? 'allowed' : 'refused'}`);
          checked += 1;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(Object.keys(actors).length * allActions.length * Object.keys(resources).length);
  });

  it('enumerates every kind of actor and of resource', () => {
    const actorKinds = new Set(Object.values(actors).map((a) => a?.kind ?? 'anonymous'));
    expect([...actorKinds].sort()).toEqual(['anonymous', 'apiClient', 'person']);
    // A new resource kind does not type-check here until it is named, and fails below until the
    // matrix has one of it.
    const kinds: Record<Resource['type'], true> = {
      account: true,
      authority: true,
      mandate: true,
      thread: true,
      draft: true,
      submission: true,
      request: true,
      ticket: true,
      booking: true,
    };
    // An action missing from `allActions` would escape the matrix: this line then fails to type-check.
    const everyActionListed: [Exclude<Action, (typeof allActions)[number]>] extends [never] ? true : false =
      true;
    expect(everyActionListed).toBe(true);
    const present = new Set(Object.values(resources).map((r) => r.type));
    expect([...present].sort()).toEqual(Object.keys(kinds).sort());
  });

  it('names the mandate a decision rests on', async () => {
    const decision = await can(
      database.db,
      actors.accountant ?? null,
      'account.consult',
      resources.companyTax as Resource,
    );
    expect(decision).toEqual({ allowed: true, via: 'mandate', mandateId: mandates.toAccountant });
  });

  it('counts a revocation from the next check, along the whole chain', async () => {
    await closeMandate(database.db, actors.principal?.id ?? '', mandates.granted ?? '', 'revoked');
    expect(
      (await can(database.db, actors.agent ?? null, 'account.consult', resources.principalTax as Resource))
        .allowed,
    ).toBe(false);
    // The threads, drafts and submissions of the mandate too, even while the session still names it.
    for (const [action, resource] of [
      ['thread.read', 'agentThread'],
      ['draft.fillIn', 'agentTaxDraft'],
      ['submission.view', 'agentSubmission'],
    ] as const)
      expect(
        (await can(database.db, actors.agentForPrincipal ?? null, action, resources[resource] as Resource))
          .allowed,
      ).toBe(false);
    await closeMandate(database.db, actors.companyAdmin?.id ?? '', mandates.toFiduciary ?? '', 'revoked');
    expect(
      (await can(database.db, actors.accountant ?? null, 'account.consult', resources.companyTax as Resource))
        .allowed,
    ).toBe(false);
  });
});

// --- Requests (cases) -------------------------------------------------------------------------------

describe('the authorisation matrix on requests', () => {
  const requestActors: Record<string, Actor | null> = {};
  const requests: Record<string, Resource> = {};

  beforeAll(async () => {
    const principal = actors.principal as PersonActor;
    const principalAccount = accounts.principal ?? '';
    const agentId = await person('requestAgent');
    const mandate = await proposeMandate(database.db, principal.id, 'holder', {
      principalAccountId: principalAccount,
      agent: { personId: agentId },
      themes: ['tax'],
      permissions: ['submit'],
      validFrom: lastYear,
    });
    await acceptMandate(database.db, agentId, mandate.id);
    const actingFor = { id: principalAccount, name: 'principal Test', kind: 'personal' as const };
    Object.assign(requestActors, actors);
    requestActors.requestAgent = personActor({
      id: agentId,
      account: actingFor,
      mandate: { id: mandate.id, themes: ['tax'] },
    });
    // The same agent, acting under another mandate than the one the request was made under.
    requestActors.requestAgentOtherMandate = personActor({
      id: agentId,
      account: actingFor,
      mandate: { id: randomUUID(), themes: ['tax'] },
    });
    const sion = (resources.sion as { authorityId: string }).authorityId;
    const sierre = (resources.sierre as { authorityId: string }).authorityId;
    requestActors.sionApp = { kind: 'apiClient', id: randomUUID(), authorityId: sion, scopes: apiScopes };
    requestActors.sierreApp = { kind: 'apiClient', id: randomUUID(), authorityId: sierre, scopes: apiScopes };
    const ofPrincipal = { type: 'request', authorityId: sion, accountId: principalAccount } as const;
    requests.principalRequest = { ...ofPrincipal, mandateId: null, theme: 'tax' };
    requests.underMandate = { ...ofPrincipal, mandateId: mandate.id, theme: 'tax' };
    requests.underMandateOtherTheme = { ...ofPrincipal, mandateId: mandate.id, theme: 'debtCollection' };
    requests.underMandateNoTheme = { ...ofPrincipal, mandateId: mandate.id };
    requests.moveForAgents = { ...ofPrincipal, mandateId: null, transitionRoles: ['agent'] };
    requests.moveForAdmins = { ...ofPrincipal, mandateId: null, transitionRoles: ['authorityAdmin'] };
    requests.companyRequest = {
      type: 'request',
      authorityId: sierre,
      accountId: accounts['Company SA'] ?? '',
      mandateId: null,
      transitionRoles: ['agent'],
    };
  });

  const citizenSide = ['request.view', 'request.message', 'request.answerComplement', 'request.withdraw'];
  const sionRequests = [
    'principalRequest',
    'underMandate',
    'underMandateOtherTheme',
    'underMandateNoTheme',
    'moveForAgents',
    'moveForAdmins',
  ];
  /** Every allowed (actor, action, request); anything not listed must be refused. */
  const allowedOnRequests: [string, string[], string[]][] = [
    ['principal', citizenSide, sionRequests],
    ['requestAgent', citizenSide, ['underMandate']],
    ['companyAdmin', citizenSide, ['companyRequest']],
    ['companyMember', citizenSide, ['companyRequest']],
    ['sionAgent', ['request.process'], sionRequests],
    ['sionAgent', ['request.transition'], ['moveForAgents']],
    ['sierreAdmin', ['request.process'], ['companyRequest']],
    ['sionApp', ['request.readThroughApi', 'request.changeThroughApi'], sionRequests],
    ['sierreApp', ['request.readThroughApi', 'request.changeThroughApi'], ['companyRequest']],
    ['sionReader', ['request.readThroughApi'], sionRequests],
  ];

  it('answers every actor × action × request as written down, and no request action elsewhere', async () => {
    const expected = new Set(
      allowedOnRequests.flatMap(([actor, actions, on]) =>
        actions.flatMap((a) => on.map((r) => `${actor} ${a} ${r}`)),
      ),
    );
    const everyAction = [
      ...accountActions,
      ...authorityActions,
      ...mandateActions,
      ...integrationActions,
      ...requestActions,
    ];
    const wrong: string[] = [];
    let checked = 0;
    for (const [actorName, actor] of Object.entries(requestActors)) {
      for (const action of everyAction) {
        for (const [resourceName, resource] of Object.entries(requests)) {
          const key = `${actorName} ${action} ${resourceName}`;
          const decision = await can(database.db, actor, action, resource);
          if (decision.allowed !== expected.has(key))
            wrong.push(`${key}: ${decision.allowed ? 'allowed' : 'refused'}`);
          checked += 1;
        }
      }
      // A request action is only ever allowed on a request (the main matrix holds one of its own).
      for (const action of requestActions)
        for (const [resourceName, resource] of Object.entries(resources))
          if (resource.type !== 'request' && (await can(database.db, actor, action, resource)).allowed)
            wrong.push(`${actorName} ${action} ${resourceName}: allowed`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe(
      Object.keys(requestActors).length * everyAction.length * Object.keys(requests).length,
    );
  });

  it('names the right a request is followed on: the mandate it was made under', async () => {
    expect(
      await can(
        database.db,
        requestActors.requestAgent ?? null,
        'request.view',
        requests.underMandate as Resource,
      ),
    ).toEqual({
      allowed: true,
      via: 'mandate',
      mandateId: (requests.underMandate as { mandateId: string }).mandateId,
    });
    expect(
      await can(
        database.db,
        requestActors.companyMember ?? null,
        'request.view',
        requests.companyRequest as Resource,
      ),
    ).toEqual({ allowed: true, via: 'member' });
  });
});
