import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerChecker,
  apiCaller,
  apiFixture,
  pdfBase64,
  RawBody,
  type TestApp,
} from '../../../tests/support/api.ts';
import { camt054 } from '../../../tests/support/camt054.ts';
import { openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { OpenApiDocument } from '../../platform/http/api/openapi.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';

let testApp: TestApp;
let fixture: Awaited<ReturnType<typeof apiFixture>>;
let doc: OpenApiDocument;
let call: ReturnType<typeof apiCaller>;
/** The key of the authority that receives the narcotics statements (the cantonal pharmacist's, ssp). */
let narcoticsKey: string;

beforeAll(async () => {
  testApp = await createTestApp();
  fixture = await apiFixture(testApp);
  call = apiCaller(testApp);
  narcoticsKey = (await fixture.key((await getAuthorityBySlug(testApp.database.db, 'ssp'))?.id ?? '')).key;
  doc = await (await testApp.app.request('/api/v1/openapi.json')).json();
});
afterAll(() => testApp.close());

/** How to call each documented operation successfully: its path as documented, and the call. */
function successfulCalls(): Record<string, [method: string, path: string, () => Promise<Response>]> {
  const key = fixture.sionKey;
  const request = fixture.request.id;
  const thread = fixture.thread.id;
  let serviceId = '';
  let documentId = '';
  let endpointId = '';
  let statementId = '';
  return {
    listServices: [
      'GET',
      '/api/v1/services',
      async () => {
        const response = await call(key, 'GET', '/api/v1/services');
        serviceId = (await response.clone().json()).items[0]?.id;
        return response;
      },
    ],
    getService: ['GET', '/api/v1/services/{id}', () => call(key, 'GET', `/api/v1/services/${serviceId}`)],
    checkMandate: [
      'GET',
      '/api/v1/mandates/check',
      () =>
        call(
          key,
          'GET',
          '/api/v1/mandates/check?agentAvs=756.1234.5678.97&principalUid=CHE-123.456.788&theme=tax',
        ),
    ],
    listRequests: ['GET', '/api/v1/requests', () => call(key, 'GET', '/api/v1/requests?limit=1')],
    getRequest: ['GET', '/api/v1/requests/{id}', () => call(key, 'GET', `/api/v1/requests/${request}`)],
    listRequestMessages: [
      'GET',
      '/api/v1/requests/{id}/messages',
      () => call(key, 'GET', `/api/v1/requests/${request}/messages`),
    ],
    sendRequestMessage: [
      'POST',
      '/api/v1/requests/{id}/messages',
      () => call(key, 'POST', `/api/v1/requests/${request}/messages`, { text: 'Merci' }),
    ],
    addRequestDocument: [
      'POST',
      '/api/v1/requests/{id}/documents',
      () =>
        call(key, 'POST', `/api/v1/requests/${request}/documents`, {
          title: 'Attestation',
          filename: 'attestation.pdf',
          contentBase64: pdfBase64,
        }),
    ],
    changeRequestStatus: [
      'POST',
      '/api/v1/requests/{id}/status',
      () => call(key, 'POST', `/api/v1/requests/${request}/status`, { status: 'in_progress' }),
    ],
    askForComplement: [
      'POST',
      '/api/v1/requests/{id}/complement',
      () => call(key, 'POST', `/api/v1/requests/${request}/complement`, { text: 'Il manque une pièce.' }),
    ],
    askFee: [
      'POST',
      '/api/v1/requests/{id}/payments',
      () =>
        call(key, 'POST', `/api/v1/requests/${request}/payments`, {
          amountCents: 2500,
          purpose: { fr: 'Émolument' },
        }),
    ],
    listRequestPayments: [
      'GET',
      '/api/v1/requests/{id}/payments',
      () => call(key, 'GET', `/api/v1/requests/${request}/payments`),
    ],
    decideRequest: [
      'POST',
      '/api/v1/requests/{id}/decision',
      () =>
        call(key, 'POST', `/api/v1/requests/${request}/decision`, {
          outcome: 'granted',
          file: { filename: 'decision.pdf', contentBase64: pdfBase64 },
        }),
    ],
    issueRequestDocument: [
      'POST',
      '/api/v1/requests/{id}/issued-documents',
      async () => {
        const other = await openRequest(testApp.database.db, fixture.citizen, fixture.form.id);
        return call(key, 'POST', `/api/v1/requests/${other.id}/issued-documents`, {
          type: 'extract',
          outcome: 'granted',
          language: 'fr',
          title: 'Extrait',
          paragraphs: ['Aucune inscription.'],
          sections: [{ heading: 'Débiteur', fields: [{ label: 'Nom', value: 'Lea Api' }] }],
          verifierFields: { n: 'Lea Api', b: '1980-05-17', o: 'Aucune poursuite' },
        });
      },
    ],
    publishDocument: [
      'POST',
      '/api/v1/documents',
      async () => {
        const response = await call(key, 'POST', '/api/v1/documents', {
          recipient: { avs: '756.1234.5678.97' },
          title: 'Bordereau',
          category: 'tax',
          filename: 'bordereau.pdf',
          contentBase64: pdfBase64,
        });
        documentId = (await response.clone().json()).id;
        return response;
      },
    ],
    getDocument: ['GET', '/api/v1/documents/{id}', () => call(key, 'GET', `/api/v1/documents/${documentId}`)],
    listThreads: ['GET', '/api/v1/threads', () => call(key, 'GET', '/api/v1/threads')],
    getThread: ['GET', '/api/v1/threads/{id}', () => call(key, 'GET', `/api/v1/threads/${thread}`)],
    sendThreadMessage: [
      'POST',
      '/api/v1/threads/{id}/messages',
      () => call(key, 'POST', `/api/v1/threads/${thread}/messages`, { text: 'Réponse' }),
    ],
    getFormSchema: [
      'GET',
      '/api/v1/forms/{id}/schema',
      () => call(key, 'GET', `/api/v1/forms/${fixture.form.id}/schema`),
    ],
    lookUpPerson: ['GET', '/api/v1/persons', () => call(key, 'GET', '/api/v1/persons?avs=756.1234.5678.97')],
    createWebhookEndpoint: [
      'POST',
      '/api/v1/webhook-endpoints',
      async () => {
        const response = await call(key, 'POST', '/api/v1/webhook-endpoints', {
          // Nothing listens there: the test event below is answered as not delivered.
          url: 'http://127.0.0.1:9/hooks',
          events: ['request.submitted'],
        });
        endpointId = (await response.clone().json()).id;
        return response;
      },
    ],
    listWebhookEndpoints: [
      'GET',
      '/api/v1/webhook-endpoints',
      () => call(key, 'GET', '/api/v1/webhook-endpoints'),
    ],
    testWebhookEndpoint: [
      'POST',
      '/api/v1/webhook-endpoints/{id}/test',
      () => call(key, 'POST', `/api/v1/webhook-endpoints/${endpointId}/test`, {}),
    ],
    lookUpOrganisation: [
      'GET',
      '/api/v1/organisations',
      () => call(key, 'GET', '/api/v1/organisations?uid=CHE-123.456.788'),
    ],
    // An altered payload: the check itself succeeds and says "invalid".
    verifyDocument: [
      'POST',
      '/api/v1/verifications',
      () => call(key, 'POST', '/api/v1/verifications', { payload: 'GV1:ABC' }),
    ],
    importBankNotification: [
      'POST',
      '/api/v1/bank-notifications',
      () =>
        call(
          key,
          'POST',
          '/api/v1/bank-notifications',
          new RawBody(
            'application/xml',
            camt054({
              version: '08',
              account: 'CH4431999123000889012',
              messageId: 'CONTRACT-1',
              entries: [{ servicerRef: 'CONTRACT-1', amountCents: 1700, reference: 'RF18539007547034' }],
            }),
          ),
        ),
    ],
    recordNarcoticsStatement: [
      'POST',
      '/api/v1/narcotics-statements',
      async () => {
        const response = await call(narcoticsKey, 'POST', '/api/v1/narcotics-statements', {
          month: '2026-10',
          pharmacy: { uid: 'CHE526018151', name: 'Pharmacie de la Planta SA' },
          lines: [
            {
              patientCode: 'VS-4821K7',
              product: 'methadone',
              strength: '10 mg/ml',
              prescriberGln: '7601000000002',
              doses: [60, 60],
            },
          ],
        });
        statementId = (await response.clone().json()).id;
        return response;
      },
    ],
    getNarcoticsStatement: [
      'GET',
      '/api/v1/narcotics-statements/{id}',
      () => call(narcoticsKey, 'GET', `/api/v1/narcotics-statements/${statementId}`),
    ],
  };
}

const operationIds = (document: OpenApiDocument) =>
  Object.values(document.paths).flatMap((methods) =>
    Object.values(methods).map((op) => (op as { operationId: string }).operationId),
  );

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 for an independent validator', async () => {
    const result = await new Validator().validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every API route of the route table, and nothing else', () => {
    const apiRoutes = testApp.platform
      .routes()
      .filter((r) => r.path.startsWith('/api/v1/') && r.access === 'apiClient');
    const undocumented = apiRoutes.filter((r) => !r.api).map((r) => `${r.method} ${r.path}`);
    expect(undocumented).toEqual([]);
    expect(new Set(operationIds(doc)).size).toBe(operationIds(doc).length);
  });

  it('is browsable as a page with every operation and problem type', async () => {
    const page = await testApp.app.request('/api/v1/reference?lang=en');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const id of operationIds(doc)) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('id="problem-idempotency_key_reused"');
    expect(page.headers.get('Content-Security-Policy')).toMatch(/script-src 'nonce-/);
  });
});

describe('every documented operation', () => {
  it('is called here, and answers as the document says', async () => {
    const calls = successfulCalls();
    expect(Object.keys(calls).sort()).toEqual(operationIds(doc).sort());
    const check = answerChecker(doc);
    const problems: string[] = [];
    for (const [operationId, [method, path, run]] of Object.entries(calls)) {
      const response = await run();
      if (response.status >= 300)
        problems.push(`${operationId}: ${response.status} ${await response.text()}`);
      else problems.push(...(await check(method, path, response)));
      expect(response.headers.get('RateLimit')).toMatch(/^"api";r=\d+;t=\d+$/);
      expect(response.headers.get('RateLimit-Policy')).toBe('"api";q=600;w=60');
    }
    expect(problems).toEqual([]);
    // The checker itself refuses an answer that the document does not describe.
    const wrong = new Response(JSON.stringify({ id: 1 }), {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(await check('GET', '/api/v1/requests/{id}', wrong)).not.toEqual([]);
  });

  it('answers errors as problem details the document declares', async () => {
    const check = answerChecker(doc);
    const missing = '00000000-0000-4000-8000-000000000000';
    const answers: [string, string, Response][] = [
      ['GET', '/api/v1/requests/{id}', await call(fixture.sionKey, 'GET', `/api/v1/requests/${missing}`)],
      [
        'GET',
        '/api/v1/requests',
        await call('gk_live_nonenonenonenonenonenonenonenonenonenonenon', 'GET', '/api/v1/requests'),
      ],
      ['GET', '/api/v1/requests', await call(fixture.sionKey, 'GET', '/api/v1/requests?limit=1000')],
      [
        'POST',
        '/api/v1/requests/{id}/status',
        await call(fixture.sionKey, 'POST', `/api/v1/requests/${fixture.request.id}/status`, {
          status: 'nowhere',
        }),
      ],
    ];
    const problems: string[] = [];
    for (const [method, path, response] of answers) {
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
      problems.push(...(await check(method, path, response)));
    }
    expect(problems).toEqual([]);
    expect(await answers[0]?.[2].json()).toMatchObject({
      type: '/api/v1/reference#problem-not_found',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      instance: `/api/v1/requests/${missing}`,
    });
    expect(await answers[2]?.[2].json()).toMatchObject({
      status: 400,
      code: 'invalid_request',
      errors: [{ in: 'query', path: 'limit' }],
    });
    // Even a path the API does not have.
    const unknown = await call(fixture.sionKey, 'GET', '/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('Content-Type')).toBe('application/problem+json');
  });
});
