// The form submission of the mixed load, measured as the issue means it. Citizens are many and each
// sends a few forms, as in life: a handful of accounts posting hundreds of forms a minute is what the
// per-person write limit is there to refuse, and a bench that trips it measures the limit, not the
// portal. Two measures:
//  - the durable submission alone: the POST that turns a filled draft (its attachment already uploaded
//    and found clean) into an accepted one — submission row, outbox jobs, audit event, one transaction —
//    against a raw single-row commit;
//  - the citizen's whole flow (start, a step carrying a 1 MB PDF, submit), against committing 1 MB into
//    PostgreSQL, where form files are kept.
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { type Form, saveAnswers, startDraft, storeFile } from '../src/modules/forms/index.ts';
import type { MasterKey } from '../src/platform/crypto/master-keys.ts';
import type { Db } from '../src/platform/database/database.ts';
import { createLocalPerson } from '../tests/support/factories.ts';
import { type Answer, multipart, type PhaseResult, phaseResult } from './measure.ts';

type Client = (
  method: 'GET' | 'POST',
  path: string,
  options?: { headers?: Record<string, string>; body?: Buffer | string },
) => Promise<Answer>;

export interface Citizen {
  personId: string;
  accountId: string;
  headers: Record<string, string>;
  token: string;
}

const password = 'bench-Passw0rd-long-enough';
const cookieOf = (answer: Answer) =>
  (answer.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
const tokenIn = (answer: Answer) => /name="_csrf" value="([^"]+)"/.exec(answer.body.toString())?.[1] ?? '';
const expect = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}`);
  return answer;
};

/** `count` citizens, each logged in over HTTP from an address of their own, holding the form's CSRF token. */
export async function createCitizens(
  db: Db,
  guichet: Client,
  formId: string,
  count: number,
  concurrency: number,
): Promise<Citizen[]> {
  const citizens: Citizen[] = [];
  const one = async (i: number) => {
    const email = `citizen-${i}-${randomBytes(3).toString('hex')}@example.ch`;
    const person = await createLocalPerson(db, {
      givenNames: 'Noé',
      familyName: `Citoyen ${i}`,
      email,
      password,
    });
    const address = { 'X-Forwarded-For': `10.201.${i >> 8}.${i & 255}` };
    const page = expect(await guichet('GET', '/login', { headers: address }), 200, 'login page');
    const login = await guichet('POST', '/login/local', {
      headers: { ...address, Cookie: cookieOf(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: tokenIn(page), email, password }).toString(),
    });
    const headers = { ...address, Cookie: cookieOf(expect(login, 303, 'login')) };
    const start = expect(await guichet('GET', `/forms/${formId}/start`, { headers }), 200, 'form start');
    citizens.push({ ...person, headers, token: tokenIn(start) });
  };
  for (let i = 0; i < count; i += concurrency)
    await Promise.all(Array.from({ length: Math.min(concurrency, count - i) }, (_, j) => one(i + j)));
  return citizens;
}

export interface FilledDraft {
  citizen: Citizen;
  draftId: string;
}

/**
 * Drafts filled in ahead of the timed phase, through the forms module's own functions, round the
 * citizens: the step's answers saved and the attachment stored and found clean. The submission never
 * reads the attachment's bytes (the receipt job does, later), so a small one stands for any.
 */
export async function fillDrafts(
  db: Db,
  keys: MasterKey[],
  form: Form,
  citizens: Citizen[],
  count: number,
  first = 0,
): Promise<FilledDraft[]> {
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(16 * 1024), Buffer.from('\n%%EOF\n')]);
  const drafts: FilledDraft[] = [];
  for (let i = 0; i < count; i += 8) {
    const batch = Array.from({ length: Math.min(8, count - i) }, async (_, j) => {
      const citizen = citizens[(first + i + j) % citizens.length] as Citizen;
      const draft = await startDraft(db, {
        formId: form.id,
        version: form.publishedVersion ?? 1,
        accountId: citizen.accountId,
        personId: citizen.personId,
        mandateId: null,
        answers: {},
      });
      const file = { name: 'diplome.pdf', mime: 'application/pdf', bytes, scan: 'clean' as const };
      const diploma = await storeFile(db, keys, draft.id, file);
      await saveAnswers(db, draft.id, { school: 'EPFL', diploma }, 'main');
      drafts.push({ citizen, draftId: draft.id });
    });
    await Promise.all(batch);
  }
  return drafts;
}

/** Sends one filled draft, as the review page's button does. */
export async function submitFilled(guichet: Client, { citizen, draftId }: FilledDraft) {
  const body = new URLSearchParams({ _csrf: citizen.token }).toString();
  const answer = await guichet('POST', `/forms/drafts/${draftId}/submit`, {
    headers: { ...citizen.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  const location = String(expect(answer, 303, 'submit').headers.location);
  if (!location.startsWith('/forms/submissions/')) throw new Error(`submit sent to ${location}`);
}

/** The citizen's whole flow: start a draft, a step carrying `attachment`, submit. */
export async function submitFlow(guichet: Client, formId: string, citizen: Citizen, attachment: Buffer) {
  const post = (path: string, body: Buffer | string, type: string) =>
    guichet('POST', path, { headers: { ...citizen.headers, 'Content-Type': type }, body });
  const form = 'application/x-www-form-urlencoded';
  const csrf = new URLSearchParams({ _csrf: citizen.token }).toString();
  const started = expect(await post(`/forms/${formId}/start`, csrf, form), 303, 'start');
  const draft = String(started.headers.location);
  const upload = multipart(
    { _csrf: citizen.token, school: 'EPFL' },
    { field: 'diploma', name: 'diplome.pdf', type: 'application/pdf', bytes: attachment },
  );
  expect(await post(`${draft}/steps/main`, upload.body, upload.contentType), 303, 'step with the attachment');
  const sent = expect(await post(`${draft}/submit`, csrf, form), 303, 'submit');
  if (!String(sent.headers.location).startsWith('/forms/submissions/')) throw new Error('not submitted');
}

/**
 * Runs `operation` once for each item over `concurrency` closed-loop workers: the phase of a measure
 * whose items are used up (a draft is submitted once), timed as `runFor` times its calls.
 */
export async function runThrough<T>(
  items: T[],
  operation: (item: T) => Promise<void>,
  concurrency: number,
): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) {
      const began = performance.now();
      try {
        await operation(item);
        latencies.push(performance.now() - began);
      } catch (error) {
        errors += 1;
        firstError ??= String(error);
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return phaseResult(latencies, errors, firstError, (performance.now() - began) / 1000);
}

/** The flow's baseline: one 1 MB row committed into PostgreSQL, where form files are kept. */
export async function blobCommitBaseline(pool: Pool) {
  await pool.query('create table if not exists bench_blobs (id bigserial primary key, bytes bytea not null)');
  const megabyte = randomBytes(1024 * 1024);
  return async () => void (await pool.query('insert into bench_blobs (bytes) values ($1)', [megabyte]));
}
