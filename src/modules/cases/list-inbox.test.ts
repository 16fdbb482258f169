import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthority, createCitizen } from '../../../tests/support/factories.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { countCap, countInbox, type InboxFilter, listInbox } from './list-inbox.ts';

let database: TestDatabase;
let authorityId = '';
const requests = 23;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  authorityId = (await createAuthority(db, { parentSlug: undefined })).id;
  const formId = (await createRequestForm(db, authorityId, 'Extrait')).id;
  const citizen = await createCitizen(db, { givenNames: 'Marc', familyName: 'Roh' });
  for (let i = 0; i < requests; i++) await openRequest(db, citizen, formId, { purpose: `Motif ${i}` });
  // Ties, as a batch opened in one transaction makes them: only the id tells these apart.
  await sql`update cases set created_at = '2026-11-30T10:00:00.123456Z', due_at = '2026-12-20T10:00:00.654321Z'
    where authority_id = ${authorityId} and answers->>'purpose' in ('Motif 3', 'Motif 4', 'Motif 5', 'Motif 6')`.execute(
    db,
  );
});
afterAll(() => database.drop());

/** Every page from the first, following "next"; then back from the last, following "previous". */
async function walk(filter: InboxFilter, pageSize: number) {
  const forward: string[][] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listInbox(database.db, authorityId, { ...filter, after, pageSize });
    forward.push(page.rows.map((r) => r.id));
    expect(page.hasBefore).toBe(forward.length > 1);
    if (!page.hasAfter) break;
    after = page.rows.at(-1)?.id;
  }
  const backward: string[][] = [];
  let before = forward.at(-1)?.[0];
  for (;;) {
    const page = await listInbox(database.db, authorityId, { ...filter, before, pageSize });
    backward.unshift(page.rows.map((r) => r.id));
    if (!page.hasBefore) break;
    before = page.rows[0]?.id;
  }
  return { forward, backward };
}

describe('the inbox, a page at a time', () => {
  for (const sort of ['newest', 'oldest', 'due'] as const)
    it(`returns every request once across pages, in order, both ways (${sort})`, async () => {
      const all = await listInbox(database.db, authorityId, { sort, pageSize: 100 });
      expect(all.rows).toHaveLength(requests);
      const { forward, backward } = await walk({ sort }, 5);
      expect(forward.flat()).toEqual(all.rows.map((r) => r.id));
      expect(forward).toHaveLength(5);
      // Back from the last page: the pages before it, as they were going forward.
      expect(backward.flat()).toEqual(forward.slice(0, -1).flat());
    });

  it('pages a filtered list within the filter', async () => {
    const { forward } = await walk({ query: 'Motif 1' }, 3);
    // Motif 1 and Motif 10 to 19.
    expect(forward.flat()).toHaveLength(11);
    expect(new Set(forward.flat()).size).toBe(11);
  });

  it('starts again from the first page on a cursor that is not one of the authority’s requests', async () => {
    const first = await listInbox(database.db, authorityId, { pageSize: 5 });
    for (const after of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const page = await listInbox(database.db, authorityId, { after, pageSize: 5 });
      expect(page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
      expect(page.hasBefore).toBe(false);
    }
  });
});

describe('the inbox’s counts', () => {
  it('counts exactly up to the cap, then one more than it and no further', async () => {
    expect(await countInbox(database.db, authorityId, {})).toBe(requests);
    const { rows } = await sql<{
      id: string;
    }>`select id from cases where authority_id = ${authorityId} limit 1`.execute(database.db);
    await sql`
      insert into cases (reference, authority_id, form_id, form_version, submission_id, title, account_id,
        person_id, level, answers, status)
      select 'CAP-' || g, authority_id, form_id, form_version, gen_random_uuid(), title, account_id, person_id,
        level, answers, 'closed'
      from cases, generate_series(1, ${countCap + 10}) g where id = ${rows[0]?.id}`.execute(database.db);
    expect(await countInbox(database.db, authorityId, {})).toBe(countCap + 1);
    expect(await countInbox(database.db, authorityId, { status: 'submitted' })).toBe(requests);
    await sql`delete from cases where reference like 'CAP-%'`.execute(database.db);
  });
});
