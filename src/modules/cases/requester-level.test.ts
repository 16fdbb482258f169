import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { issueReceiptNow } from '../../../tests/support/issuing.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createService, demoCatalogue, publishVersion, type ServiceContent } from '../catalogue/index.ts';
import { publishDocument, vaultOf } from '../documents/index.ts';
import type { Case } from './cases.ts';

/*
 * A request holds what the person sent at the level of assurance its service asks: reading it back,
 * or answering in it, asks the same level of the session, as the form did: the stronger means protects
 * the data, not only the sending (ADR 31).
 */

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let citizen: PersonActor;
let level: AssuranceLevel;
let request: Case;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => ({ ...citizen, level }) });
  const { db } = testApp.database;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  citizen = await createCitizen(db, { givenNames: 'Inès', familyName: 'Niveau' });
  const form = await createRequestForm(db, sion, 'Diplôme');
  const service = await createService(db, 'test', {
    authorityId: sion,
    slug: 'reconnaissance-niveau',
    content: { ...(demoCatalogue[0]?.content as ServiceContent), formId: form.id, level: 'substantial' },
  });
  await publishVersion(db, 'test', service, 1);
  request = await openRequest(db, citizen, form.id, { purpose: 'Études à Lausanne' });
});
afterAll(() => testApp?.close());

const get = (path: string) => testApp.app.request(path);

/** Where a page sends the person: to log in with the level asked, then back to it. */
function stepUpOf(response: Response) {
  const location = new URL(response.headers.get('Location') ?? '', 'http://guichet.test');
  return {
    status: response.status,
    level: location.searchParams.get('level'),
    back: location.searchParams.get('return'),
  };
}

describe('a request of a service that asks for a substantial level', () => {
  const pages = () => [
    `/requests/${request.id}`,
    `/forms/submissions/${request.submission_id}`,
    `/forms/submissions/${request.submission_id}/receipt.pdf`,
  ];

  it('sends a person logged in below it to log in again with a means of that level, then back', async () => {
    level = 'low';
    for (const path of pages()) {
      expect(stepUpOf(await get(path)), path).toEqual({ status: 303, level: 'substantial', back: path });
    }
  });

  it('refuses an answer sent from a session below it, and records nothing', async () => {
    level = 'low';
    const my = await get('/my');
    const body = new URLSearchParams({ _csrf: csrfTokenIn(await my.text()), text: 'Voici ma réponse' });
    const response = await testApp.app.request(`/requests/${request.id}/messages`, {
      method: 'POST',
      body,
      headers: { Cookie: cookiesFrom(my), 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(401);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from case_events
      where case_id = ${request.id} and kind = 'message'`.execute(testApp.database.db);
    expect(rows[0]?.n).toBe(0);
  });

  it('shows the request and what was sent at that level and above', async () => {
    for (const enough of ['substantial', 'high'] as const) {
      level = enough;
      const page = await get(`/requests/${request.id}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(request.reference);
      expect((await get(`/forms/submissions/${request.submission_id}`)).status).toBe(200);
      // No worker here to issue the receipt: past the level, the person is told it is coming.
      expect((await get(`/forms/submissions/${request.submission_id}/receipt.pdf`)).status).toBe(409);
    }
  });

  it('asks the same of its receipt, once issued into the account’s documents', async () => {
    await issueReceiptNow(testApp, request.submission_id);
    const { rows } = await sql<{ id: string }>`select receipt_document_id as id from form_submissions
      where id = ${request.submission_id}`.execute(testApp.database.db);
    const receipt = [
      `/documents/${rows[0]?.id}`,
      `/documents/${rows[0]?.id}/file`,
      `/forms/submissions/${request.submission_id}/receipt.pdf`,
    ];
    level = 'low';
    for (const path of receipt)
      expect(stepUpOf(await get(path)), path).toEqual({ status: 303, level: 'substantial', back: path });
    level = 'substantial';
    for (const path of receipt.slice(1)) {
      const file = await get(path);
      expect(file.status, path).toBe(200);
      expect(file.headers.get('Content-Type')).toBe('application/pdf');
    }
  });

  it('asks it of what the authority published for the request too (a decision, an extract)', async () => {
    const { document } = await publishDocument(await vaultOf(testApp.platform), {
      accountId: citizen.account.id,
      authorityId: request.authority_id,
      title: 'Décision',
      category: 'decision',
      theme: null,
      message: null,
      requestId: request.id,
      filename: 'decision.pdf',
      bytes: Buffer.from('%PDF-1.4\n% Décision sur les études\n%%EOF\n'),
      idempotencyKey: `decision-${request.id}`,
      publishedBy: 'test',
    });
    const paths = [`/documents/${document.id}`, `/documents/${document.id}/file`];
    level = 'low';
    for (const path of paths)
      expect(stepUpOf(await get(path)), path).toEqual({ status: 303, level: 'substantial', back: path });
    level = 'substantial';
    for (const path of paths) expect((await get(path)).status, path).toBe(200);
  });
});
