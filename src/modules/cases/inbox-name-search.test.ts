import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, createCitizen } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { statementsSentDuring } from '../../../tests/support/statements.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { registerCompanies } from '../../simulators/commercial-register/register-data.ts';
import { openProfessionalAccount } from '../accounts/index.ts';
import { upsertOrganisation } from '../identity/index.ts';
import { countInbox, inboxLookups, listInbox } from './list-inbox.ts';

let database: TestDatabase;
let authorityId = '';
const opened: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  authorityId = (await createAuthority(db, { parentSlug: undefined })).id;
  const elsewhere = (await createAuthority(db, { parentSlug: undefined })).id;
  const formId = (await createRequestForm(db, authorityId, 'Extrait')).id;
  const otherFormId = (await createRequestForm(db, elsewhere, 'Extrait')).id;
  const marie = await createCitizen(db, { givenNames: 'Marie Claire', familyName: 'Dupont-Rochat' });
  const paul = await createCitizen(db, { givenNames: 'Paul', familyName: 'Favre' });
  const company = registerCompanies.find((c) => c.uid === 'CHE123456788');
  if (!company) throw new Error('no company');
  const organisation = await upsertOrganisation(db, company);
  const accountId = await openProfessionalAccount(db, paul.id, organisation);
  const forCompany = {
    ...paul,
    account: { id: accountId, name: company.name, kind: 'professional' as const },
  };
  opened.marie = (await openRequest(db, marie, formId, { purpose: 'Emploi' })).id;
  opened.paul = (await openRequest(db, paul, formId, { purpose: 'Logement' })).id;
  opened.company = (await openRequest(db, forCompany, formId, { purpose: 'Appel d’offres' })).id;
  // The same person's request to another authority is not this inbox's.
  await openRequest(db, marie, otherFormId, { purpose: 'Emploi' });
});
afterAll(() => database.drop());

const found = async (query: string) => {
  const page = await listInbox(database.db, authorityId, { query, pageSize: 20 });
  expect(await countInbox(database.db, authorityId, { query })).toBe(page.rows.length);
  return page.rows.map((r) => r.id).sort();
};

describe('the inbox’s search by the requester’s name', () => {
  it('finds a person’s requests by any of their names, in any order and case', async () => {
    expect(await found('dupont marie')).toEqual([opened.marie]);
    expect(await found('Rochat')).toEqual([opened.marie]);
    expect(await found('CLAIRE')).toEqual([opened.marie]);
  });

  it('finds an organisation’s request by its name and by the name of the person who filled it', async () => {
    expect(await found('Pharmacie du Rhône')).toEqual([opened.company]);
    expect(await found('Favre')).toEqual([opened.paul, opened.company].sort());
  });

  it('needs every word, skips those too short to look up, and still searches the answers', async () => {
    expect(await found('Marie Favre')).toEqual([]);
    expect(await found('Paul de Favre')).toEqual([opened.paul, opened.company].sort());
    expect(await found('Logement')).toEqual([opened.paul]);
  });

  it('looks the names up once for a page’s list and its count', async () => {
    const { db } = database;
    let ids: string[] = [];
    const sent = await statementsSentDuring(async () => {
      const criteria = { query: 'dupont marie' };
      const lookups = await inboxLookups(db, authorityId, criteria);
      ids = (await listInbox(db, authorityId, { ...criteria, pageSize: 20 }, lookups)).rows.map((r) => r.id);
      expect(await countInbox(db, authorityId, criteria, lookups)).toBe(1);
    });
    expect(ids).toEqual([opened.marie]);
    expect(sent.filter((statement) => statement.includes('from persons'))).toHaveLength(1);
    expect(sent).toHaveLength(3);
  });
});
