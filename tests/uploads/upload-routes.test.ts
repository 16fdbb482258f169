import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ensurePersonalAccount } from '../../src/modules/accounts/index.ts';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createPersonWithLink } from '../../src/modules/identity/index.ts';
import { startThread } from '../../src/modules/messaging/threads.ts';
import type { Actor, PersonActor } from '../../src/platform/http/access.ts';
import { collectRoutes } from '../../src/platform/http/app.tsx';
import { refusalMessage, type UploadRefusal } from '../../src/platform/uploads/index.ts';
import { allModules } from '../../src/runtime/build-app.ts';
import {
  type AttackFile,
  attackCorpus,
  badNames,
  cleanPdf,
  eicar,
  eicarInPdf,
  multipartBody,
} from '../support/attack-corpus.ts';
import { freePort, startClamd } from '../support/clamd.ts';
import { personActor, staffActor } from '../support/factories.ts';
import { httpClient } from '../support/http-client.ts';
import { submitAnswers } from '../support/requests.ts';
import { serveTestApp } from '../support/serve-test-app.ts';
import { startTestWorker } from '../support/test-app.ts';
import { publishDiplomaForm } from '../support/test-forms.ts';

/*
 * Issue 17's attack corpus, sent over a real socket through every route that takes a file, with a real
 * clamd: each is refused with its message in the person's language, and nothing of it is stored.
 */

const maxDocumentBytes = 20 * 1024 * 1024;

let testApp: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let clamd: Awaited<ReturnType<typeof startClamd>>;
let clamdPort = 0;
let actor: Actor | null = null;
let citizen: PersonActor;
let spf = '';
let caseId = '';
let threadId = '';
let draftId = '';

beforeAll(async () => {
  clamdPort = await freePort();
  clamd = await startClamd(clamdPort);
  testApp = await serveTestApp({ actor: () => actor, env: { CLAMD_URL: clamd.url } });
  const { db } = testApp.database;
  worker = await startTestWorker(testApp);
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const { person } = await createPersonWithLink(
    db,
    { givenNames: 'Ada', familyName: 'Upload', avs: '7561234567897', dateOfBirth: '1980-01-01' },
    { provider: 'test', subject: 'ada-upload', level: 'high' },
  );
  const accountId = await ensurePersonalAccount(db, person.id, 'Ada Upload');
  citizen = personActor({
    id: person.id,
    displayName: 'Ada Upload',
    account: { id: accountId, name: 'Ada Upload', kind: 'personal' },
  });
  const form = await publishDiplomaForm(db, spf);
  const submission = await submitAnswers(db, citizen, form.id, { school: 'EPFL' });
  for (let i = 0; i < 200 && !caseId; i++) {
    const found = await sql<{
      id: string;
    }>`select id from cases where submission_id = ${submission.id}`.execute(db);
    caseId = found.rows[0]?.id ?? '';
    if (!caseId) await new Promise((r) => setTimeout(r, 50));
  }
  actor = staffActor(spf, 'agent');
  const staff = httpClient(testApp.app);
  const asked = await staff.submit(
    `/back-office/authorities/spf/requests/${caseId}/complement`,
    { text: 'Joignez votre diplôme.' },
    `/back-office/authorities/spf/requests/${caseId}`,
  );
  if (asked.status !== 303) throw new Error(`complement request: ${asked.status}`);
  const thread = await startThread(db, {
    authorityId: spf,
    accountId,
    subject: 'Question',
    authorPersonId: person.id,
    authorName: 'Ada Upload',
    body: 'Bonjour',
  });
  threadId = thread.id;
  actor = citizen;
  const started = await httpClient(testApp.app).submit(
    `/forms/${form.id}/start`,
    {},
    `/forms/${form.id}/start`,
  );
  draftId = /\/forms\/drafts\/([0-9a-f-]{36})/.exec(started.headers.get('Location') ?? '')?.[1] ?? '';
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await testApp?.close();
  await clamd?.stop();
});

/** One route that takes a file: who sends it, from which page, with which other fields. */
interface UploadRoute {
  label: string;
  actor: () => Actor;
  /** The page the form is on (its CSRF token); none for the API. */
  from?: string;
  path: string;
  fileField: string;
  fields: (file: string) => Record<string, string>;
  /** Typed text the page must show again after a refusal. */
  kept?: string;
  /** The route takes PDFs only: an image is refused for its type before its size is looked at. */
  pdfOnly?: true;
  headers?: Record<string, string>;
  /** An API operation: the file goes base64 in a JSON body (`contentBase64`) with these members. */
  json?: (file: string) => Record<string, unknown>;
}

const uploadRoutes = (): UploadRoute[] => [
  {
    label: 'form answer',
    actor: () => citizen,
    from: `/forms/drafts/${draftId}`,
    path: `/forms/drafts/${draftId}/steps/main`,
    fileField: 'diploma',
    fields: () => ({ school: 'Haute école de Sion' }),
    kept: 'Haute école de Sion',
  },
  {
    label: 'complement',
    actor: () => citizen,
    from: `/requests/${caseId}`,
    path: `/requests/${caseId}/complement`,
    fileField: 'file',
    fields: () => ({ text: 'Voici mon diplôme genevois.' }),
    kept: 'Voici mon diplôme genevois.',
  },
  {
    label: 'request message (citizen)',
    actor: () => citizen,
    from: `/requests/${caseId}`,
    path: `/requests/${caseId}/messages`,
    fileField: 'file',
    fields: () => ({ text: 'Un message du citoyen.' }),
    kept: 'Un message du citoyen.',
  },
  {
    label: 'request message (staff)',
    actor: () => staffActor(spf, 'agent'),
    from: `/back-office/authorities/spf/requests/${caseId}`,
    path: `/back-office/authorities/spf/requests/${caseId}/messages`,
    fileField: 'file',
    fields: () => ({ text: 'Un message du service.' }),
    kept: 'Un message du service.',
  },
  {
    label: 'decision upload',
    actor: () => staffActor(spf, 'agent'),
    from: `/back-office/authorities/spf/requests/${caseId}`,
    path: `/back-office/authorities/spf/requests/${caseId}/decide`,
    fileField: 'file',
    fields: () => ({ outcome: 'granted' }),
    pdfOnly: true,
  },
  {
    label: 'messaging (citizen)',
    actor: () => citizen,
    from: `/messages/${threadId}`,
    path: `/messages/${threadId}`,
    fileField: 'file',
    fields: () => ({ body: 'Avec une pièce jointe.' }),
    kept: 'Avec une pièce jointe.',
  },
  {
    label: 'messaging (staff)',
    actor: () => staffActor(spf, 'agent'),
    from: `/back-office/authorities/spf/messages/${threadId}`,
    path: `/back-office/authorities/spf/messages/${threadId}`,
    fileField: 'file',
    fields: () => ({ body: 'Réponse avec pièce jointe.' }),
    kept: 'Réponse avec pièce jointe.',
  },
  {
    label: 'staff publication',
    actor: () => staffActor(spf, 'agent'),
    from: '/back-office/authorities/spf/documents/new',
    path: '/back-office/authorities/spf/documents/new',
    fileField: 'file',
    fields: () => ({
      recipientBy: 'avs',
      avs: '756.1234.5678.97',
      title: 'Attestation de test',
      category: 'decision',
    }),
    kept: 'Attestation de test',
  },
  {
    label: 'CSV batch publication',
    actor: () => staffActor(spf, 'agent'),
    from: '/back-office/authorities/spf/documents/bulk',
    path: '/back-office/authorities/spf/documents/bulk',
    fileField: 'files',
    fields: () => ({}),
  },
  ...apiUploads(),
];

/** The API operations that take a document, in base64 in their JSON body, as the authority's application. */
function apiUploads(): UploadRoute[] {
  const api = (label: string, path: string, json: UploadRoute['json']): UploadRoute => ({
    label,
    actor: () => ({
      kind: 'apiClient',
      id: 'spf-app',
      authorityId: spf,
      scopes: ['documents:write', 'requests:write'],
    }),
    path,
    fileField: 'file',
    fields: () => ({}),
    json,
    headers: { 'Idempotency-Key': `attack-${Date.now()}-${Math.random()}` },
  });
  return [
    api('API publication', '/api/v1/documents', (filename) => ({
      recipient: { avs: '756.1234.5678.97' },
      title: 'Auszug',
      category: 'extract',
      filename,
    })),
    api('API decision', `/api/v1/requests/${caseId}/decision`, (filename) => ({
      outcome: 'granted',
      file: { filename },
    })),
    api('API message', `/api/v1/requests/${caseId}/messages`, (filename) => ({
      text: 'Voici',
      document: { filename, title: 'Pièce' },
    })),
    api('API request document', `/api/v1/requests/${caseId}/documents`, (filename) => ({
      title: 'Pièce',
      filename,
    })),
  ];
}

/** Places the file's base64 where the operation takes it (next to `filename`). */
function withContent(value: unknown, base64: string): unknown {
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([k, v]) => [k, withContent(v, base64)]);
  return Object.fromEntries('filename' in value ? [...entries, ['contentBase64', base64]] : entries);
}

/** Everything an upload could leave behind: documents, their blobs, form files, messages, request events. */
async function stored(): Promise<Record<string, number>> {
  const { rows } = await sql<Record<string, number>>`select
    (select count(*)::int from documents) as documents,
    (select count(*)::int from document_blobs) as blobs,
    (select count(*)::int from form_files) as form_files,
    (select count(*)::int from messages) as messages,
    (select count(*)::int from case_events) as case_events`.execute(testApp.database.db);
  return rows[0] ?? {};
}

/** Sends `file` through `route` as an attacker's client would, over the socket. */
async function send(route: UploadRoute, file: { name: string; bytes: Uint8Array }, locale = 'fr') {
  // The corpus posts far more than anyone would in a minute: the rate limit is not what is tested.
  await sql`delete from rate_limit_hits`.execute(testApp.database.db);
  actor = route.actor();
  if (route.json) {
    const response = await fetch(`${testApp.url}${route.path}?lang=${locale}`, {
      method: 'POST',
      body: JSON.stringify(withContent(route.json(file.name), Buffer.from(file.bytes).toString('base64'))),
      headers: { 'Content-Type': 'application/json', ...route.headers },
    });
    return { status: response.status, text: await response.text() };
  }
  const client = httpClient(testApp.app);
  if (route.from) await client.get(route.from);
  const csv =
    route.fileField === 'files'
      ? [
          {
            name: 'csv',
            filename: 'lot.csv',
            bytes: Buffer.from(
              `destinataire;titre;categorie;fichier\n756.1234.5678.97;Lot;decision;${file.name}\n`,
            ),
          },
        ]
      : [];
  const { body, contentType } = multipartBody([
    ...(route.from ? [{ name: '_csrf', value: client.csrf() }] : []),
    ...Object.entries(route.fields(file.name)).map(([name, value]) => ({ name, value })),
    ...csv,
    { name: route.fileField, filename: file.name, bytes: file.bytes },
  ]);
  const response = await fetch(`${testApp.url}${route.path}?lang=${locale}`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { 'Content-Type': contentType, Cookie: client.cookie(), ...route.headers },
  });
  return { status: response.status, text: await response.text() };
}

/** The message the person must read, as the page escapes it. */
const expectedMessage = (code: UploadRefusal['code'], locale: 'fr' | 'de' | 'en' = 'fr') =>
  refusalMessage({ code, maxBytes: maxDocumentBytes, maxFiles: 1, accepted: ['pdf', 'jpeg', 'png'] }, locale)
    .split(/[{(]/)[0]
    ?.slice(0, 40)
    .replaceAll('“', '')
    .trim() ?? '';

const contentAttacks = await attackCorpus();
const pdf = await cleanPdf();
const attacks: AttackFile[] = [
  ...contentAttacks,
  { label: 'EICAR with the scanner on', name: 'eicar.com', bytes: eicar(), refusal: 'malware' },
  {
    label: 'EICAR inside a well-formed PDF',
    name: 'scan.pdf',
    bytes: await eicarInPdf(),
    refusal: 'malware',
  },
  ...badNames.map((bad) => ({ ...bad, bytes: pdf, refusal: 'bad-name' })),
];

describe('every route that takes a file', () => {
  it('is one of the routes this corpus is driven through', () => {
    // Forms stream their files (`uploads`); API operations take them in base64 (`contentBase64`).
    const takesBase64 = (body: z.ZodType | undefined) =>
      body !== undefined && JSON.stringify(z.toJSONSchema(body, { io: 'input' })).includes('contentBase64');
    const declared = collectRoutes(testApp.platform, allModules)
      .filter((route) => route.uploads || takesBase64(route.api?.body))
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(declared).toEqual(
      [
        'POST /forms/drafts/:id/steps/:stepId',
        'POST /requests/:id/complement',
        'POST /requests/:id/messages',
        'POST /back-office/authorities/:slug/requests/:id/messages',
        'POST /back-office/authorities/:slug/requests/:id/decide',
        'POST /messages/:id',
        'POST /back-office/authorities/:slug/messages/:id',
        'POST /back-office/authorities/:slug/documents/new',
        'POST /back-office/authorities/:slug/documents/bulk',
        'POST /api/v1/documents',
        'POST /api/v1/requests/:id/decision',
        'POST /api/v1/requests/:id/messages',
        'POST /api/v1/requests/:id/documents',
        // The phone's page of a capture (photos only): driven through this corpus in
        // src/modules/forms/capture/capture-routes.test.ts, with its link token.
        'POST /scan/:token',
        // A pharmacy's monthly spreadsheet (xlsx or csv only): driven through this corpus in
        // src/services/narcotics-statements/narcotics.test.ts, as one of the pharmacy's people.
        'POST /narcotics/:month/import',
      ].sort(),
    );
  });

  describe.each(uploadRoutes().map((route) => [route.label, route] as const))('%s', (_label, lazyRoute) => {
    // The ids exist only once set up: the route is built again when the test runs.
    const route = () => uploadRoutes().find((r) => r.label === lazyRoute.label) as UploadRoute;

    it.each(attacks)('refuses $label, stores nothing', async (attack) => {
      const before = await stored();
      const { status, text } = await send(route(), attack);
      expect(status).toBeGreaterThanOrEqual(400);
      const refusal =
        route().pdfOnly && attack.refusal === 'too-many-pixels' ? 'type-not-accepted' : attack.refusal;
      if (route().path.startsWith('/api/')) expect(JSON.parse(text).reason).toBe(refusal);
      else expect(text).toContain(expectedMessage(refusal as UploadRefusal['code']));
      const kept = route().kept;
      if (kept) expect(text).toContain(kept);
      expect(await stored()).toEqual(before);
    });

    it('refuses a file one byte over the limit, reading no further', async () => {
      const before = await stored();
      const over = Buffer.concat([pdf, Buffer.alloc(maxDocumentBytes + 1 - pdf.length, 0x20)]);
      const { status, text } = await send(route(), { name: 'big.pdf', bytes: over });
      if (route().path.startsWith('/api/'))
        expect([status, JSON.parse(text).reason]).toEqual([413, 'too-large']);
      else {
        expect(status).toBeGreaterThanOrEqual(400);
        expect(text).toContain(expectedMessage('too-large'));
      }
      expect(await stored()).toEqual(before);
    });
  });

  it('still demands the CSRF token, read from the head of the body before any file', async () => {
    const route = uploadRoutes().find((r) => r.label === 'staff publication') as UploadRoute;
    actor = route.actor();
    const client = httpClient(testApp.app);
    await client.get(route.from as string);
    const before = await stored();
    const post = async (parts: Parameters<typeof multipartBody>[0]) => {
      const { body, contentType } = multipartBody(parts);
      return (
        await fetch(`${testApp.url}${route.path}`, {
          method: 'POST',
          body: new Uint8Array(body),
          headers: { 'Content-Type': contentType, Cookie: client.cookie() },
          redirect: 'manual',
        })
      ).status;
    };
    const fields = Object.entries(route.fields('a.pdf')).map(([name, value]) => ({ name, value }));
    const file = { name: 'file', filename: 'a.pdf', bytes: pdf };
    expect(await post([...fields, file])).toBe(403);
    expect(await post([{ name: '_csrf', value: 'v1.forged' }, ...fields, file])).toBe(403);
    // After the file the router does not look: a form puts its token first.
    expect(await post([...fields, file, { name: '_csrf', value: client.csrf() }])).toBe(403);
    expect(await stored()).toEqual(before);
    expect(await post([{ name: '_csrf', value: client.csrf() }, ...fields, file])).toBe(303);
  });

  it('refuses a body cut off mid-file, and two files where one is taken, and keeps answering', async () => {
    // A form that streams its file (the API takes files in base64 inside JSON).
    const route = uploadRoutes().find((r) => r.label === 'staff publication') as UploadRoute;
    actor = route.actor();
    const client = httpClient(testApp.app);
    await client.get(route.from ?? '');
    const before = await stored();
    const post = async (body: Buffer, contentType: string) => {
      const response = await fetch(`${testApp.url}${route.path}`, {
        method: 'POST',
        body: new Uint8Array(body),
        headers: { 'Content-Type': contentType, Cookie: client.cookie() },
      });
      return { status: response.status, text: await response.text() };
    };
    const fields = [
      { name: '_csrf', value: client.csrf() },
      ...Object.entries(route.fields('a.pdf')).map(([name, value]) => ({ name, value })),
    ];
    const whole = multipartBody([...fields, { name: route.fileField, filename: 'a.pdf', bytes: pdf }]);
    const cut = await post(whole.body.subarray(0, whole.body.length - 200), whole.contentType);
    expect(cut.status).toBe(422);
    expect(cut.text).toContain(expectedMessage('unreadable'));
    const two = multipartBody([
      ...fields,
      { name: route.fileField, filename: 'a.pdf', bytes: pdf },
      { name: route.fileField, filename: 'b.pdf', bytes: pdf },
    ]);
    const twice = await post(two.body, two.contentType);
    expect(twice.status).toBe(422);
    expect(twice.text).toContain(expectedMessage('too-many-files'));
    expect(await stored()).toEqual(before);
  });

  it('accepts a file exactly at the limit', async () => {
    const route = uploadRoutes().find((r) => r.label === 'API publication') as UploadRoute;
    const atLimit = Buffer.concat([pdf, Buffer.alloc(maxDocumentBytes - pdf.length, 0x20)]);
    const { status } = await send(
      { ...route, headers: { 'Idempotency-Key': 'at-the-limit' } },
      { name: 'full.pdf', bytes: atLimit },
    );
    expect(status).toBe(201);
  });

  it('says why in the person’s language', async () => {
    const [route] = uploadRoutes();
    const { text } = await send(route as UploadRoute, { name: 'x.pdf', bytes: eicar() }, 'de');
    expect(text).toContain('Die Datei enthält Schadsoftware');
  });
});
