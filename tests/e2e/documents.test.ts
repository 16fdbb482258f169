import type { Runner } from 'graphile-worker';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, loggedInAs, watchCspViolations } from '../support/browser.ts';
import { serveTestApp } from '../support/serve-test-app.ts';
import { linkIn, startSmtpSink } from '../support/smtp-sink.ts';
import { startTestWorker } from '../support/test-app.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveTestApp>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: Runner;

beforeAll(async () => {
  smtp = await startSmtpSink();
  [browser, server] = await Promise.all([
    launchBrowser(),
    serveTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } }),
  ]);
  worker = await startTestWorker(server);
});
afterAll(async () => {
  await worker?.stop();
  await browser?.close();
  await server?.close();
  await smtp?.stop();
});

const loggedIn = (person: string, width = 1280) => loggedInAs(browser, server.url, person, { width });

async function waitForMail(to: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mail = smtp.received.find((m) => m.to.includes(to));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the document space', () => {
  it('an agent publishes a document; the citizen is told by e-mail, opens it, and the access log shows it', {
    timeout: 90_000,
  }, async () => {
    // Sophie has used the counter before: she has an account to receive documents in.
    const citizen = await loggedIn('Sophie Rochat', 360);
    const csp = watchCspViolations(citizen);
    const agent = await loggedIn('Luc Fournier');

    await agent.goto(`${server.url}/back-office/authorities/spf/documents/new`);
    await expectNoAxeViolations(agent);
    await agent.getByLabel('Numéro AVS du destinataire').fill('756.1234.5678.97');
    await agent.getByLabel('Titre du document').fill('Extrait du registre des poursuites');
    await agent.getByLabel('Catégorie').selectOption('extract');
    await agent.getByLabel('Thème (pour les personnes mandatées)').selectOption('debtCollection');
    await agent.getByLabel('Fichier (PDF, PNG ou JPEG, 20 Mo au plus)').setInputFiles({
      name: 'extrait.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% Extrait: aucune poursuite\n%%EOF\n'),
    });
    await agent.getByRole('button', { name: 'Déposer' }).click();
    await agent.waitForURL(/published=/);
    expect(await agent.getByRole('region', { name: 'Succès' }).textContent()).toContain('Sophie Rochat');
    await expectNoAxeViolations(agent);

    const mail = await waitForMail('sophie.rochat@example.ch');
    expect(mail.raw.replace(/=\r?\n/g, '')).not.toContain('registre'); // the notification says that, not what
    const link = linkIn(mail.raw);
    expect(link).toMatch(/\/documents\/[0-9a-f-]{36}$/);

    await citizen.goto(link);
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Extrait du registre des poursuites',
    );
    await expectNoAxeViolations(citizen);
    const download = citizen.waitForEvent('download');
    await citizen.getByRole('link', { name: /Télécharger/ }).click();
    const file = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of file) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toContain('aucune poursuite');

    await citizen.goto(`${server.url}/documents`);
    await expectNoAxeViolations(citizen);
    await citizen.getByRole('link', { name: 'Qui a consulté mes documents' }).click();
    const log = await citizen.getByRole('table').textContent();
    expect(log).toContain('Sophie Rochat');
    expect(log).toContain('Document consulté : Extrait du registre des poursuites');
    expect(log).toContain('Document téléchargé');
    await expectNoAxeViolations(citizen);
    await citizen.goto(`${server.url}/my`);
    await expectNoAxeViolations(citizen);
    await citizen.goto(`${server.url}/notifications`);
    await expectNoAxeViolations(citizen);
    expect(csp).toEqual([]);

    await agent.goto(`${server.url}/back-office/authorities/spf/documents`);
    expect(await agent.getByRole('table').last().textContent()).toContain('Lu le');
  });

  it('an authority admin words a notification and previews it', { timeout: 60_000 }, async () => {
    const admin = await loggedIn('Nadia Berclaz');
    await admin.goto(`${server.url}/back-office/authorities/sion/notification-templates`);
    await expectNoAxeViolations(admin);
    await admin.getByLabel('Canal').selectOption('sms');
    await admin.getByRole('button', { name: 'Afficher' }).click();
    await admin.getByLabel('Texte', { exact: true }).fill('Sion : {what} vous attend. {link}');
    await admin.getByRole('button', { name: 'Enregistrer' }).click();
    await admin.waitForURL(/saved=1/);
    expect(await admin.locator('.template-preview').textContent()).toContain(
      'Sion : Un nouveau document vous attend.',
    );
    await expectNoAxeViolations(admin);
  });
});
