import type { Runner } from 'graphile-worker';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountHeldBy } from '../../src/modules/accounts/index.ts';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { publishDocument, vaultOf } from '../../src/modules/documents/index.ts';
import { createForm, publishForm } from '../../src/modules/forms/index.ts';
import { findPersonByAvs } from '../../src/modules/identity/index.ts';
import { acceptMandate, proposeMandate } from '../../src/modules/mandates/index.ts';
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

  it('a representative’s reading leaves a document unread for the holder; her complement is shown as sent by her', {
    timeout: 120_000,
  }, async () => {
    const { db } = server.database;
    const holder = await loggedIn('Sophie Rochat');
    const representative = await loggedIn('Claire Fellay');
    const agent = await loggedIn('Luc Fournier');
    const sophie = await findPersonByAvs(db, '756.1234.5678.97');
    const claire = await findPersonByAvs(db, '756.4567.8901.20');
    const accountId = sophie && (await accountHeldBy(db, { personId: sophie.id }));
    const scc = await getAuthorityBySlug(db, 'scc');
    if (!sophie || !claire || !accountId || !scc) throw new Error('demo data missing');
    const mandate = await proposeMandate(db, sophie.id, 'holder', {
      principalAccountId: accountId,
      agent: { personId: claire.id },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: new Date().toISOString().slice(0, 10),
    });
    await acceptMandate(db, claire.id, mandate.id);
    await publishDocument(await vaultOf(server.platform), {
      accountId,
      authorityId: scc.id,
      title: 'Décision de taxation 2025',
      category: 'tax',
      theme: 'tax',
      message: null,
      filename: 'taxation.pdf',
      bytes: Buffer.from('%PDF-1.4\n% taxation\n%%EOF\n'),
      idempotencyKey: 'e2e-taxation-2025',
      publishedBy: 'test',
    });
    const taxation = (page: typeof holder) => page.getByRole('row', { name: /Décision de taxation 2025/ });

    // Claire, acting for Sophie, opens it: read for her.
    await representative.goto(`${server.url}/accounts`);
    await representative.getByRole('button', { name: 'Agir pour Sophie Rochat' }).click();
    await representative.goto(`${server.url}/documents`);
    expect(await taxation(representative).textContent()).toContain('Non lu');
    await representative.getByRole('link', { name: 'Décision de taxation 2025' }).click();
    expect(await representative.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Décision de taxation 2025',
    );
    await representative.goto(`${server.url}/documents`);
    expect(await taxation(representative).textContent()).not.toContain('Non lu');

    // Sophie has not read it: still new to her, in her documents and her space.
    await holder.goto(`${server.url}/documents`);
    expect(await taxation(holder).textContent()).toContain('Non lu');
    expect(await taxation(holder).textContent()).toContain(
      'Émis par l’autorité : Service cantonal des contributions',
    );
    await holder.goto(`${server.url}/my`);
    expect(await holder.getByRole('main').textContent()).toContain('Décision de taxation 2025');

    // A complement she sends is hers, not the authority's.
    const spf = await getAuthorityBySlug(db, 'spf');
    const form = await createForm(db, 'test', {
      authorityId: spf?.id ?? '',
      name: 'Attestation de domicile',
      definition: {
        format: 'guichet-form/1',
        title: { fr: 'Attestation de domicile' },
        steps: [
          {
            id: 'main',
            title: { fr: 'Votre demande' },
            fields: [{ id: 'purpose', type: 'text', label: { fr: 'Motif de la demande' }, required: true }],
          },
        ],
      },
    });
    await publishForm(db, 'test', form);
    await holder.goto(`${server.url}/forms/${form.id}/start`);
    await holder.getByRole('button', { name: 'Commencer' }).click();
    await holder.getByLabel('Motif de la demande').fill('Nouvel employeur');
    await holder.getByRole('button', { name: 'Continuer', exact: true }).click();
    await holder.getByRole('button', { name: 'Envoyer la demande' }).click();
    // The request is opened by the job queue.
    let requestPath = '';
    await expect
      .poll(
        async () => {
          await holder.goto(`${server.url}/requests`);
          const links = await holder
            .locator('a[href^="/requests/"]')
            .evaluateAll((as) =>
              as
                .map((a) => a.getAttribute('href') ?? '')
                .filter((h) => /^\/requests\/[0-9a-f-]{36}$/.test(h)),
            );
          requestPath = links[0] ?? '';
          return requestPath;
        },
        { timeout: 15_000 },
      )
      .not.toBe('');
    await agent.goto(`${server.url}/back-office/authorities/spf${requestPath}`);
    await agent.getByRole('button', { name: 'M’attribuer' }).click();
    await agent.getByLabel('Ce qui manque').fill('Joignez votre contrat de travail.');
    await agent.getByRole('button', { name: 'Demander un complément' }).click();

    await holder.goto(`${server.url}${requestPath}`);
    await holder.getByLabel('Votre réponse').fill('Voici le contrat.');
    await holder.getByLabel('Document (PDF, PNG ou JPEG)').setInputFiles({
      name: 'contrat.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% contrat\n%%EOF\n'),
    });
    await holder.getByRole('button', { name: 'Envoyer le complément' }).click();
    await holder.goto(`${server.url}/documents`);
    const complement = holder.getByRole('row', { name: /contrat\.pdf/ });
    expect(await complement.textContent()).toContain('Envoyé par vous à l’autorité : Service des poursuites');
    expect(await complement.textContent()).not.toContain('Non lu');
    await expectNoAxeViolations(holder);
    await complement.getByRole('link').click();
    expect(await holder.getByRole('main').textContent()).toContain('Provenance');
    await expectNoAxeViolations(holder);

    const phone = await loggedIn('Sophie Rochat', 360);
    await phone.goto(`${server.url}/documents`);
    await expectNoAxeViolations(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The whole row in view, not scrolled out of the table's frame: origin included.
    const list = phone.getByRole('table');
    expect(await list.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0))).toBe(true);
    expect(await phone.getByRole('row', { name: /contrat\.pdf/ }).textContent()).toContain('Envoyé par vous');
  });
});
