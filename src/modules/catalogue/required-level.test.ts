import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority } from '../../../tests/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import { demoCatalogue } from './demo-catalogue.ts';
import type { ServiceContent } from './service-content.ts';
import {
  createService,
  publishVersion,
  requiredLevelOfForm,
  requiredLevelOfFormCall,
  withdrawService,
} from './services.ts';

let database: TestDatabase;
let authorityId: string;
const content = demoCatalogue[0]?.content as ServiceContent;

beforeAll(async () => {
  database = await createTestDatabase();
  authorityId = (await createAuthority(database.db, { kind: 'canton', parentSlug: undefined })).id;
});
afterAll(() => database.drop());

/** A service running `formId` at `level`, published unless told otherwise. */
async function serviceOf(formId: string, level: AssuranceLevel, publish = true) {
  const service = await createService(database.db, 'test', {
    authorityId,
    slug: `service-${randomUUID().slice(0, 8)}`,
    content: { ...content, formId, level },
  });
  if (publish) await publishVersion(database.db, 'test', service, 1);
  return service;
}

/** Both ways of asking: the function, and the expression another module's query reads along. */
async function levelsOf(formId: string) {
  const { rows } = await sql<{ level: AssuranceLevel }>`
    select ${requiredLevelOfFormCall(sql`${formId}`)} as level`.execute(database.db);
  return [await requiredLevelOfForm(database.db, formId), rows[0]?.level];
}

describe('the level of assurance a form asks for', () => {
  it('is the strictest of the published services running it, withdrawn ones included; low for none', async () => {
    const formId = randomUUID();
    expect(await levelsOf(formId)).toEqual(['low', 'low']);
    await serviceOf(formId, 'substantial');
    await serviceOf(formId, 'low');
    expect(await levelsOf(formId)).toEqual(['substantial', 'substantial']);
    await serviceOf(formId, 'high', false); // a draft service asks nothing yet
    expect(await levelsOf(formId)).toEqual(['substantial', 'substantial']);
    await withdrawService(database.db, 'test', await serviceOf(formId, 'high'));
    expect(await levelsOf(formId)).toEqual(['high', 'high']);
  });
});
