import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { walkChain } from '../../platform/audit/audit.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { seedDemo } from '../../seed/demo.ts';
import { listAccess } from '../accounts/index.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { exportRequests } from './export-requests.ts';

let database: TestDatabase;
let spf = '';
let formId = '';
let otherFormId = '';
let citizen: PersonActor;
const clerk = { id: '00000000-0000-4000-8000-00000000c1e4', name: 'Luc Agent' };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  spf = (await getAuthorityBySlug(database.db, 'spf'))?.id ?? '';
  formId = (await createRequestForm(database.db, spf, 'Extrait')).id;
  otherFormId = (await createRequestForm(database.db, spf, 'Autre')).id;
  citizen = await createCitizen(database.db, { givenNames: 'Marc', familyName: 'Roh' });
});
afterAll(() => database.drop());

const exported = (format: 'csv' | 'json', criteria = {}) =>
  exportRequests(database.db, {
    authorityId: spf,
    criteria,
    format,
    clerk,
    schemaBase: 'https://guichet.test',
    locale: 'fr',
  });

describe('exporting requests', () => {
  it('gives the filtered requests as CSV rows, one column per heading', async () => {
    const mine = await openRequest(database.db, citizen, formId, { purpose: '=1+1' });
    await openRequest(database.db, citizen, otherFormId, { purpose: 'Autre service' });
    const { csv } = await exported('csv', { formId });
    expect(csv.rows).toHaveLength(1);
    expect(csv.rows[0]).toHaveLength(csv.header.length);
    expect(csv.header.at(-1)).toBe('Motif'); // one column per answer, named by its label
    expect(csv.rows[0]?.[0]).toBe(mine.reference);
    expect(csv.rows[0]?.[2]).toBe('Nouvelle'); // the status in words, not its code
    expect(csv.rows[0]?.[4]).toBe('Marc Roh');
    expect(csv.rows[0]?.at(-1)).toBe('=1+1');
  });

  it('gives JSON with the data model of each form version the answers were given with', async () => {
    const { json } = await exported('json', { formId });
    expect(Object.keys(json.dataModels)).toEqual([`${formId}/1`]);
    expect(json.requests.every((r) => r.dataModel === `${formId}/1`)).toBe(true);
  });

  it('is audited, and each requester’s access log says their request left with the clerk', async () => {
    const before = await listAccess(database.db, citizen.account.id);
    // As the inbox gives them: the filters not set are there, undefined.
    const { rows } = (await exported('csv', { formId: otherFormId, status: undefined, query: undefined }))
      .csv;
    const after = await listAccess(database.db, citizen.account.id);
    expect(after.length - before.length).toBe(rows.length);
    expect(after[0]).toMatchObject({ personName: 'Luc Agent', via: 'staff', action: 'request.export' });
    const audit = await sql<{ actor: string; details: { format: string; count: number } }>`
      select actor, details from audit_events where action = 'case.export' order by id desc limit 1`.execute(
      database.db,
    );
    expect(audit.rows[0]).toMatchObject({
      actor: `person:${clerk.id}`,
      details: { format: 'csv', count: 1 },
    });
    // The criteria left out (undefined) do not break the chain's hash.
    expect((await walkChain(database.db)).brokenAt).toBeUndefined();
  });
});
