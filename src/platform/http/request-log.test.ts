import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { commercialRegisterClient } from '../../modules/identity/commercial-register.ts';
import { issueEmailToken } from '../../modules/identity/email-tokens.ts';
import { findCredential } from '../../modules/identity/local-means.ts';
import { createMailer } from '../mail/mailer.ts';
import { createSmsGateway } from '../sms/sms-gateway.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
const lines: string[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'trace' }, { write: (line: string) => lines.push(line) });
  server = await serveTestApp({ logger });
});
afterAll(() => server?.close());

const avs = '756.9217.0769.85';
const password = 'Grand-Saint-Bernard 2469';
const newPassword = 'Col du Sanetsch 2252 m';

/** A form post as a browser sends it: with the session cookie and the page's CSRF token. */
async function post(path: string, page: Response, fields: Record<string, string>) {
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, ...fields }),
  });
}

describe('the request log', () => {
  it('names routes by their pattern: no AVS number, token or password reaches it', async () => {
    await createLocalPerson(server.database.db, {
      givenNames: 'Anne',
      familyName: 'Favre',
      email: 'anne.favre@example.ch',
      password,
    });
    const credential = await findCredential(server.database.db, { email: 'anne.favre@example.ch' });
    const token = await issueEmailToken(server.database.db, credential?.id ?? '', 'recover', 30, new Date());

    const lookup = await fetch(`${server.url}/simulators/commercial-register/signatories/${avs}/companies`);
    expect(lookup.status).toBe(200);
    const login = await post('/login/local', await fetch(`${server.url}/login`), {
      email: 'anne.favre@example.ch',
      password,
    });
    expect(login.status).toBe(303);
    const recoverPage = await fetch(`${server.url}/login/recover/${token}`);
    expect(recoverPage.status).toBe(200);
    const recovered = await post(`/login/recover/${token}`, recoverPage, { password: newPassword });
    expect(recovered.status).toBe(200);
    expect((await fetch(`${server.url}/login/recover/${token}?again=1`)).status).toBe(404);

    const log = lines.join('');
    for (const secret of [avs, avs.replaceAll('.', ''), token, password, newPassword])
      expect(log).not.toContain(secret);
    const routes = lines.map((line) => JSON.parse(line) as { msg: string; route?: string });
    expect(routes.filter((l) => l.msg === 'request').map((l) => l.route)).toEqual(
      expect.arrayContaining([
        '/simulators/commercial-register/signatories/:avs/companies',
        '/login/local',
        '/login/recover/:token',
      ]),
    );

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('route="/login/recover/:token"');
    expect(metrics).not.toContain(token);
    expect(metrics).not.toContain(avs);
  });
});

describe('the commercial register client', () => {
  it('does not put the AVS number into the error it throws', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('down', { status: 503 }));
    const failure = commercialRegisterClient('https://register.example').companiesSignedBy(avs);
    await expect(failure).rejects.toThrow('Commercial register answered 503 to a signatory lookup');
    await expect(failure).rejects.not.toThrow(avs);
  });
});

describe('mails and SMS logged instead of sent', () => {
  const link = `https://guichet.vs.ch/login/recover/${'t'.repeat(43)}`;
  const mail = { to: 'anne@example.ch', subject: 'Mot de passe', text: `Lien : ${link}`, html: '' };
  const sms = { to: '+41791234567', text: 'Code : 481516', reference: 'r1' };

  it('keep their text out of the log outside demo mode', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(line) });
    await createMailer({ smtpUrl: undefined, from: 'g@example.ch', logger, logText: false }).send(mail);
    await createSmsGateway({
      url: undefined,
      token: undefined,
      sender: 'G',
      statusCallback: '',
      logger,
      logText: false,
    }).send(sms);
    expect(logged).toHaveLength(2);
    expect(logged.join('')).not.toContain(link);
    expect(logged.join('')).not.toContain('481516');
  });

  it('show it in the demo, where following the link is the point', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => logged.push(line) });
    await createMailer({ smtpUrl: undefined, from: 'g@example.ch', logger, logText: true }).send(mail);
    expect(logged.join('')).toContain(link);
  });
});
