import { sql } from 'kysely';
import { getAuthorityBySlug, grantStaffRole } from '../../../src/modules/authorities/index.ts';
import { publishDocument, vaultOf } from '../../../src/modules/documents/index.ts';
import {
  apiClientFromHeader,
  createApiClient,
  createEndpoint,
} from '../../../src/modules/integration/index.ts';
import {
  acceptMandate,
  closeMandate,
  mandateThemes,
  proposeMandate,
} from '../../../src/modules/mandates/index.ts';
import { startThread } from '../../../src/modules/messaging/index.ts';
import { apiScopes } from '../../../src/modules/policy/index.ts';
import type { Actor, PersonActor, StaffRole } from '../../../src/platform/http/access.ts';
import type { RouteContext } from '../../../src/platform/http/route.ts';
import type { Logger } from '../../../src/platform/logging/logger.ts';
import { createCitizen } from '../../support/factories.ts';
import { createRequestForm, openRequest } from '../../support/requests.ts';
import { serveTestApp } from '../../support/serve-test-app.ts';
import type { createTestApp } from '../../support/test-app.ts';
import { createFaqEntries } from './faq-objects.ts';
import { postalLetter } from './fresh-objects.ts';
import { createHealthProfessional } from './health-objects.ts';
import { objectsAboveTheCastsLevel } from './level-objects.ts';
import { createPharmacy } from './narcotics-objects.ts';
import { createServiceObjects } from './service-objects.ts';
import { makeTaxpayer } from './tax-objects.ts';

/**
 * Who the suites call as (ASVS 8.2): nobody, two citizens, A's representatives whose mandate is in
 * force, expired or revoked, staff of two communes and of the canton, and each authority's
 * application. People are chosen per request by the `x-security-actor` header (the suite is about
 * what each may reach, not about logging in); applications present their real API key.
 */
export const actorNames = [
  'anonymous',
  'citizenA',
  'citizenB',
  'repActive',
  'repExpired',
  'repRevoked',
  'agentX',
  'adminX',
  'agentY',
  'cantonAdmin',
  'keyX',
  'keyY',
  'keyCanton',
  'pharmacy',
  'agentNarcotics',
  'keyNarcotics',
  'healthProfessional',
] as const;
export type ActorName = (typeof actorNames)[number];

/**
 * Whose objects the matrix probes: citizens A and B (A's at X, B's at Y), authorities X and Y, N,
 * the authority that receives the narcotics statements, with the pharmacy that files them, and C, the
 * canton, whose desk keeps the questions people ask.
 */
export type Owner = 'A' | 'B' | 'X' | 'Y' | 'N' | 'C';

/** Words only the owner's data carries: an answer to anyone else must contain none of them. */
export const secretsOf: Record<Owner, string> = {
  A: 'Aurelie-Secret-Alpha',
  B: 'Bastien-Secret-Bravo',
  X: 'Xavier-Secret-Xray',
  Y: 'Yvonne-Secret-Yankee',
  N: 'Nadine-Secret-November',
  C: 'Celine-Secret-Charlie',
};

/** Who may see each owner's words: its people and representative, and the staff and key of its authority. */
export const mayRead: Record<Owner, readonly ActorName[]> = {
  A: ['citizenA', 'repActive', 'agentX', 'adminX', 'keyX'],
  B: ['citizenB', 'agentY', 'keyY'],
  X: ['agentX', 'adminX', 'keyX'],
  Y: ['agentY', 'keyY'],
  N: ['pharmacy', 'agentNarcotics', 'keyNarcotics'],
  C: ['cantonAdmin', 'keyCanton'],
};

export type Cast = Awaited<ReturnType<typeof createCast>>;

/** The test app with the cast and an object of each kind for each owner. */
export async function createCast(options: { env?: Record<string, string>; logger?: Logger } = {}) {
  const people: Partial<Record<ActorName, PersonActor>> = {};
  const keys: Partial<Record<ActorName, string>> = {};
  let db: Awaited<ReturnType<typeof createTestApp>>['database']['db'] | undefined;
  // On a real socket: the app calls its own simulators (commercial register, identity provider) over HTTP.
  const testApp = await serveTestApp({
    env: options.env,
    logger: options.logger,
    resolveActor: async (c: RouteContext): Promise<Actor | null> => {
      if (!db) return null;
      const client = await apiClientFromHeader(db, c.req.header('Authorization'), { acceptTestKeys: true });
      if (client) return client;
      return people[c.req.header('x-security-actor') as ActorName] ?? null;
    },
  });
  db = testApp.database.db;
  const slugs = { X: 'sion', Y: 'sierre', N: 'ssp', C: 'valais', canton: 'valais' } as const;
  const authorityId = async (slug: string) => (await getAuthorityBySlug(testApp.database.db, slug))?.id ?? '';
  const authorities = { X: await authorityId(slugs.X), Y: await authorityId(slugs.Y) };
  const canton = await authorityId(slugs.canton);
  const narcoticsAuthority = await authorityId(slugs.N);

  const citizenA = await createCitizen(db, { givenNames: secretsOf.A, familyName: 'Alpha' });
  const citizenB = await createCitizen(db, { givenNames: secretsOf.B, familyName: 'Bravo' });
  people.citizenA = citizenA;
  people.citizenB = citizenB;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const lastYear = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const mandates: Record<string, string> = {};
  for (const [name, ending] of [
    ['repActive', null],
    ['repExpired', 'expired'],
    ['repRevoked', 'revoked'],
  ] as const) {
    const agent = await createCitizen(db, { givenNames: name, familyName: 'Representative' });
    const mandate = await proposeMandate(db, citizenA.id, 'holder', {
      principalAccountId: citizenA.account.id,
      agent: { personId: agent.id },
      themes: [...mandateThemes],
      permissions: ['consult', 'submit', 'receive', 'pay'],
      validFrom: lastYear,
      ...(ending === 'expired' && { validTo: yesterday }),
    });
    await acceptMandate(db, agent.id, mandate.id);
    if (ending === 'revoked') await closeMandate(db, citizenA.id, mandate.id, 'revoked');
    mandates[name] = mandate.id;
    // Acting in A's account, as the session said when the mandate was still in force.
    // The principal's name stays off the page: it would read as a leak of A's data.
    people[name] = {
      ...agent,
      account: { ...citizenA.account, name: 'Principal' },
      mandate: { id: mandate.id, themes: [...mandateThemes] },
    };
  }
  const staff = async (name: ActorName, authority: string, role: StaffRole) => {
    const person = await createCitizen(db, { givenNames: name, familyName: 'Staff' });
    await grantStaffRole(db, 'test', { authorityId: authority, personId: person.id, role });
    people[name] = { ...person, staffRoles: [{ authorityId: authority, role }] };
  };
  await staff('agentX', authorities.X, 'agent');
  await staff('adminX', authorities.X, 'authorityAdmin');
  await staff('agentY', authorities.Y, 'agent');
  await staff('cantonAdmin', canton, 'authorityAdmin');
  await staff('agentNarcotics', narcoticsAuthority, 'agent');
  for (const [name, authority] of [
    ['keyX', authorities.X],
    ['keyY', authorities.Y],
    ['keyCanton', canton],
    ['keyNarcotics', narcoticsAuthority],
  ] as const)
    keys[name] = (
      await createApiClient(db, 'test', { authorityId: authority, name, scopes: apiScopes, mode: 'live' })
    ).key;

  const objects = await createObjects(testApp, { A: citizenA, B: citizenB }, authorities);
  const pharmacist = await createCitizen(db, { givenNames: 'pharmacy', familyName: 'Owner' });
  const pharmacy = await createPharmacy(db, pharmacist, narcoticsAuthority, secretsOf.N);
  people.pharmacy = pharmacy.actor;
  objects.N.narcoticsStatement = pharmacy.statement;
  people.healthProfessional = await createHealthProfessional(testApp);
  Object.assign(objects.A, await makeTaxpayer(db, citizenA.id));
  Object.assign(objects.C, await createFaqEntries(db));
  // A letter each citizen's authority still owes them by post.
  objects.A.postalDocument = await postalLetter(testApp, citizenA, authorities.X, secretsOf.A);
  objects.B.postalDocument = await postalLetter(testApp, citizenB, authorities.Y, secretsOf.B);
  // A mandate A offers B, still to be answered: B may answer it, A may sign or revoke it.
  objects.A.mandate = (
    await proposeMandate(db, citizenA.id, 'holder', {
      principalAccountId: citizenA.account.id,
      agent: { personId: citizenB.id },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: lastYear,
    })
  ).id;
  return {
    testApp,
    db,
    slugs,
    authorities: { ...authorities, C: canton },
    people,
    mandates,
    objects,
    /** The headers that make a request come from `name`. */
    headersOf(name: ActorName): Record<string, string> {
      const key = keys[name];
      if (key) return { Authorization: `Bearer ${key}` };
      return name === 'anonymous' ? {} : { 'x-security-actor': name };
    },
    close: () => testApp.close(),
  };
}

/** One object of each kind for each owner: A's at X, B's at Y, and each authority's own. */
async function createObjects(
  testApp: Awaited<ReturnType<typeof createTestApp>>,
  citizens: { A: PersonActor; B: PersonActor },
  authorities: { X: string; Y: string },
) {
  const db = testApp.database.db;
  const vault = await vaultOf(testApp.platform);
  const byOwner: Record<Owner, Record<string, string>> = { A: {}, B: {}, X: {}, Y: {}, N: {}, C: {} };
  for (const [citizen, authority] of [
    ['A', 'X'],
    ['B', 'Y'],
  ] as const) {
    const person = citizens[citizen];
    const authorityId = authorities[authority];
    const form = await createRequestForm(db, authorityId, `${secretsOf[authority]} form`);
    const request = await openRequest(db, person, form.id, { purpose: secretsOf[citizen] });
    const thread = await startThread(db, {
      authorityId,
      accountId: person.account.id,
      subject: secretsOf[citizen],
      authorPersonId: person.id,
      authorName: person.displayName,
      body: secretsOf[citizen],
    });
    const { document } = await publishDocument(vault, {
      accountId: person.account.id,
      authorityId,
      title: secretsOf[citizen],
      category: 'decision',
      theme: null,
      message: null,
      filename: 'decision.pdf',
      bytes: Buffer.from(`%PDF-1.4\n% ${secretsOf[citizen]}\n%%EOF\n`),
      idempotencyKey: `security-${citizen}`,
      publishedBy: 'test',
    });
    const { rows: drafts } = await sql<{ id: string }>`
      insert into form_drafts (form_id, version, account_id, person_id, answers)
      values (${form.id}, 1, ${person.account.id}, ${person.id}, ${JSON.stringify({ purpose: secretsOf[citizen] })}::jsonb)
      returning id`.execute(db);
    const { endpoint } = await createEndpoint(db, testApp.platform.secrets, 'test', {
      authorityId,
      url: `https://${authority.toLowerCase()}.example.ch/hooks`,
      events: ['request.submitted'],
    });
    const { rows: keys } = await sql<{ id: string }>`
      select id from api_clients where authority_id = ${authorityId} order by created_at limit 1`.execute(db);
    // An id that existed: once deleted, it must answer as if it never had.
    const { rows: gone } = await sql<{ id: string }>`
      insert into form_drafts (form_id, version, account_id, person_id, answers)
      values (${form.id}, 1, ${person.account.id}, ${person.id}, '{}'::jsonb) returning id`.execute(db);
    await sql`delete from form_drafts where id = ${gone[0]?.id ?? ''}`.execute(db);
    const aboveLevel = await objectsAboveTheCastsLevel(db, vault, person, authorityId, secretsOf[citizen]);
    const { rows: services } = await sql<{ id: string; slug: string }>`
      select id, slug from catalogue_services where authority_id = ${authorityId} order by slug limit 1`.execute(
      db,
    );
    const service = await createServiceObjects(db, person, authorityId, secretsOf[citizen]);
    Object.assign(byOwner[citizen], {
      booking: service.booking,
      ticket: service.ticket,
      request: request.id,
      submission: request.submission_id,
      thread: thread.id,
      document: document.id,
      draft: drafts[0]?.id ?? '',
      form: form.id,
      deletedDraft: gone[0]?.id ?? '',
      ...aboveLevel,
    });
    Object.assign(byOwner[authority], {
      form: form.id,
      ...(services[0] && { service: services[0].slug, serviceId: services[0].id }),
      bookingResource: service.bookingResource,
      webhook: endpoint.id,
      apiKey: keys[0]?.id ?? '',
    });
  }
  return byOwner;
}
