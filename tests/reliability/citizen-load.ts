import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { connectDatabase, type Database } from '../../src/platform/database/database.ts';
import { createLocalPerson } from '../support/factories.ts';
import { publishDiplomaForm } from '../support/test-forms.ts';

/** The embedded PostgreSQL of a `guichet start` data folder, as its postmaster.pid tells it. */
export async function embeddedPostgresOf(dataDir: string): Promise<{ pid: number; url: string }> {
  const lines = (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n');
  return {
    pid: Number(lines[0]),
    url: `postgres://guichet:guichet-embedded@127.0.0.1:${lines[3]}/guichet`,
  };
}

export const attachment = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  randomBytes(1024 * 1024),
  Buffer.from('\n%%EOF\n'),
]);

const password = 'reliability-Passw0rd-long';

/** Citizens with a password and a form with a file to send, in the database of a running Guichet. */
export async function prepareCitizens(url: string, count: number) {
  const database: Database = connectDatabase(url, () => undefined);
  const spf = (await getAuthorityBySlug(database.db, 'spf'))?.id ?? '';
  const form = await publishDiplomaForm(database.db, spf);
  const emails: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `crash-${i}-${randomBytes(3).toString('hex')}@example.ch`;
    await createLocalPerson(database.db, { givenNames: 'Noé', familyName: `Crash ${i}`, email, password });
    emails.push(email);
  }
  await database.close();
  return { formId: form.id, emails };
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A citizen logged in over HTTP, sending the form with a 1 MB attachment again and again. */
export async function citizenSession(origin: string, email: string, formId: string) {
  const page = await fetch(`${origin}/login`);
  const login = await fetch(`${origin}/login/local`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookieOf(page), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: tokenIn(await page.text()), email, password }),
  });
  if (login.status !== 303) throw new Error(`login answered ${login.status}`);
  const cookie = cookieOf(login);
  const start = await fetch(`${origin}/forms/${formId}/start`, { headers: { Cookie: cookie } });
  const token = tokenIn(await start.text());
  const post = (url: string, body: URLSearchParams | FormData) =>
    fetch(`${origin}${url}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie }, body });
  return {
    /** Resolves with the submission's id once the portal acknowledged it (its 303 to the submission). */
    async submit(): Promise<string> {
      const started = await post(`/forms/${formId}/start`, new URLSearchParams({ _csrf: token }));
      if (started.status !== 303) throw new Error(`start answered ${started.status}`);
      const draft = started.headers.get('Location') ?? '';
      const form = new FormData();
      form.append('_csrf', token);
      form.append('school', 'EPFL');
      form.append('diploma', new File([attachment], 'diplome.pdf', { type: 'application/pdf' }));
      const saved = await post(`${draft}/steps/main`, form);
      if (saved.status !== 303) throw new Error(`step answered ${saved.status}`);
      const sent = await post(`${draft}/submit`, new URLSearchParams({ _csrf: token }));
      const id = /^\/forms\/submissions\/([0-9a-f-]{36})/.exec(sent.headers.get('Location') ?? '')?.[1];
      if (sent.status !== 303 || !id) throw new Error(`submit answered ${sent.status}`);
      return id;
    },
  };
}
