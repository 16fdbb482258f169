import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, apiFixture, type TestApp } from '../../../tests/support/api.ts';
import { openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { apiScopes } from '../policy/index.ts';

let testApp: TestApp;
let fixture: Awaited<ReturnType<typeof apiFixture>>;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  testApp = await createTestApp();
  fixture = await apiFixture(testApp);
  call = apiCaller(testApp);
});
afterAll(() => testApp.close());

const extract = {
  type: 'extract',
  outcome: 'granted',
  language: 'de',
  title: 'Auszug aus dem Betreibungsregister',
  paragraphs: ['Keine Betreibungen.'],
  sections: [{ heading: 'Schuldner', fields: [{ label: 'Name', value: 'Lea Api' }] }],
  verifierFields: { n: 'Lea Api', b: '1980-05-17', o: 'Keine Betreibung' },
};

const newRequest = () => openRequest(testApp.database.db, fixture.citizen, fixture.form.id);
const issued = async (requestId: string) =>
  (
    await sql<{ serial: string; language: string; type: string; document_id: string }>`
      select serial, language, type, document_id from issued_documents where request_id = ${requestId}`.execute(
      testApp.database.db,
    )
  ).rows;

describe('POST /api/v1/requests/{id}/issued-documents', () => {
  it('issues the structured document into the requester’s documents and decides the request', async () => {
    const request = await newRequest();
    const response = await call(
      fixture.sionKey,
      'POST',
      `/api/v1/requests/${request.id}/issued-documents`,
      extract,
    );
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.request.status).toBe('granted');
    expect(await issued(request.id)).toEqual([
      { serial: body.serial, language: 'de', type: 'extract', document_id: body.documentId },
    ]);
    const { rows } = await sql<{ account_id: string; request_id: string }>`
      select account_id, request_id from documents where id = ${body.documentId}`.execute(
      testApp.database.db,
    );
    expect(rows).toEqual([{ account_id: fixture.accountId, request_id: request.id }]);
  });

  it('issues once for the same Idempotency-Key, and refuses to decide a decided request again', async () => {
    const request = await newRequest();
    const path = `/api/v1/requests/${request.id}/issued-documents`;
    const headers = { 'Idempotency-Key': `extract-${request.id}` };
    const first = await call(fixture.sionKey, 'POST', path, extract, headers);
    const again = await call(fixture.sionKey, 'POST', path, extract, headers);
    expect((await again.json()).serial).toBe((await first.json()).serial);
    expect(await issued(request.id)).toHaveLength(1);
    const other = await call(fixture.sionKey, 'POST', path, extract);
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ code: 'already_decided' });
  });

  it('needs the documents:issue scope, and another authority’s key finds nothing', async () => {
    const request = await newRequest();
    const path = `/api/v1/requests/${request.id}/issued-documents`;
    const { key: withoutIssue } = await fixture.key(
      fixture.sion,
      apiScopes.filter((s) => s !== 'documents:issue'),
    );
    const refused = await call(withoutIssue, 'POST', path, extract);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'insufficient_scope' });
    expect((await call(fixture.sierreKey, 'POST', path, extract)).status).toBe(404);
    expect(await issued(request.id)).toEqual([]);
  });

  it('refuses a body that is not a structured document', async () => {
    const request = await newRequest();
    const response = await call(fixture.sionKey, 'POST', `/api/v1/requests/${request.id}/issued-documents`, {
      ...extract,
      language: 'it',
    });
    expect(response.status).toBe(400);
    expect(await issued(request.id)).toEqual([]);
  });
});
