import { Ajv2020 } from 'ajv/dist/2020.js';
import { sql } from 'kysely';
import { ensurePersonalAccount, openProfessionalAccount } from '../../src/modules/accounts/accounts.ts';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createPersonWithLink } from '../../src/modules/identity/index.ts';
import { type ApiKeyMode, createApiClient } from '../../src/modules/integration/index.ts';
import { startThread } from '../../src/modules/messaging/index.ts';
import { type ApiScope, apiScopes } from '../../src/modules/policy/index.ts';
import type { OpenApiDocument } from '../../src/platform/http/api/openapi.ts';
import { personActor } from './factories.ts';
import { createRequestForm, openRequest } from './requests.ts';
import type { createTestApp } from './test-app.ts';

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A PDF small enough to inline, in base64. */
export const pdfBase64 = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString(
  'base64',
);

/**
 * Two authorities with an application each (every scope), a citizen with an AVS number, a request
 * and a thread in the first authority, an organisation: what every API test starts from.
 */
export async function apiFixture(testApp: TestApp) {
  const db = testApp.database.db;
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  const sierre = (await getAuthorityBySlug(db, 'sierre'))?.id ?? '';
  const key = async (
    authorityId: string,
    scopes: readonly ApiScope[] = apiScopes,
    mode: ApiKeyMode = 'live',
  ) => createApiClient(db, 'test', { authorityId, name: 'Business application', scopes, mode });
  const { person } = await createPersonWithLink(
    db,
    { givenNames: 'Lea', familyName: 'Api', avs: '7561234567897', dateOfBirth: '1980-05-17' },
    { provider: 'test', subject: `api-${Date.now()}`, level: 'high' },
  );
  const accountId = await ensurePersonalAccount(db, person.id, 'Lea Api');
  const citizen = personActor({
    id: person.id,
    account: { id: accountId, name: 'Lea Api', kind: 'personal' },
  });
  const form = await createRequestForm(db, sion);
  const request = await openRequest(db, citizen, form.id);
  const thread = await startThread(db, {
    authorityId: sion,
    accountId,
    subject: 'Question',
    authorPersonId: person.id,
    authorName: 'Lea Api',
    body: 'Bonjour',
  });
  const { rows } = await sql<{ id: string }>`
    insert into organisations (uid, name, legal_form, seat) values ('CHE123456788', 'Api SA', 'SA', 'Sion')
    on conflict (uid) do update set name = excluded.name returning id`.execute(db);
  await openProfessionalAccount(db, person.id, { id: rows[0]?.id ?? '', name: 'Api SA' });
  return {
    sion,
    sierre,
    key,
    sionKey: (await key(sion)).key,
    sierreKey: (await key(sierre)).key,
    citizen,
    accountId,
    form,
    request,
    thread,
  };
}

/** A body sent as it is (a PDF, a camt.054 file) rather than as JSON. */
export class RawBody {
  constructor(
    readonly type: string,
    readonly content: string | Uint8Array,
  ) {}
}

/** Calls the API in-process with a key, JSON in and out; POSTs get an idempotency key unless given one. */
export function apiCaller(testApp: TestApp) {
  return async (
    key: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> => {
    const raw = body instanceof RawBody;
    return testApp.app.request(path, {
      method,
      headers: {
        Authorization: `Bearer ${key}`,
        ...(body !== undefined && { 'Content-Type': raw ? body.type : 'application/json' }),
        ...(method === 'POST' && { 'Idempotency-Key': `test-${crypto.randomUUID()}` }),
        ...headers,
      },
      ...(body !== undefined && {
        body: raw
          ? typeof body.content === 'string'
            ? body.content
            : new Blob([new Uint8Array(body.content)])
          : JSON.stringify(body),
      }),
    });
  };
}

/**
 * Checks answers against the OpenAPI document with an independent validator (ajv, JSON Schema 2020-12):
 * the schema of the operation's answer for that status and media type.
 */
export function answerChecker(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('date-time', { validate: (s: string) => !Number.isNaN(Date.parse(s)) && /T/.test(s) });
  ajv.addSchema({ $id: 'guichet-api', components: doc.components });
  return async (method: string, path: string, response: Response): Promise<string[]> => {
    const operation = (doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)[
      path
    ]?.[method.toLowerCase()];
    if (!operation) return [`${method} ${path} is not documented`];
    const documented = operation.responses[String(response.status)] as
      | { content?: Record<string, { schema: unknown }> }
      | undefined;
    if (!documented) return [`${method} ${path} answered ${response.status}, which it does not document`];
    const type = (response.headers.get('Content-Type') ?? '').split(';')[0] ?? '';
    const media = documented.content?.[type];
    if (!media) return [`${method} ${path} ${response.status}: undocumented media type ${type}`];
    const schema = JSON.parse(
      JSON.stringify(media.schema).replaceAll('"#/components/', '"guichet-api#/components/'),
    ) as object;
    const validate = ajv.compile(schema);
    const body = await response.clone().json();
    return validate(body)
      ? []
      : (validate.errors ?? []).map(
          (e) => `${method} ${path} ${response.status}: ${e.instancePath} ${e.message}`,
        );
  };
}
