import { beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug, grantStaffRole } from '../../src/modules/authorities/index.ts';
import { accessibleAtBothWidths, expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { followPayLink, saveFeeOnArrival } from '../support/fee-workflow.ts';
import { type FormField, publishOneStepForm } from '../support/test-forms.ts';

let formId = '';

const e2e = useBrowserAndServer({ worker: true });

beforeAll(async () => {
  const form = await publishedSpfForm('Extrait du registre des poursuites', 'Votre demande', {
    id: 'purpose',
    type: 'text',
    label: { fr: 'Motif de la demande' },
    required: true,
  });
  formId = form.id;
});

/** A one-step form of the Service des poursuites, published. */
async function publishedSpfForm(title: string, stepTitle: string, field: FormField) {
  const { db } = e2e.server.database;
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  return publishOneStepForm(db, spf, { name: title, step: { title: stepTitle }, fields: [field] });
}

const loggedIn = (person: string) => loggedInAs(e2e.browser, e2e.server.url, person, { timeout: 10_000 });

const pdf = (name: string, text: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`),
});

describe('a request from submission to decision', () => {
  it('citizen submits; agent assigns, asks a complement; citizen answers; agent decides; they exchange messages', {
    timeout: 120_000,
  }, async () => {
    const citizen = await loggedIn('Sophie Rochat');
    const agent = await loggedIn('Luc Fournier');

    await citizen.goto(`${e2e.server.url}/forms/${formId}/start`);
    await citizen.getByRole('button', { name: 'Commencer' }).click();
    await citizen.getByLabel('Motif de la demande').fill('Location d’un appartement');
    await citizen.getByRole('button', { name: 'Continuer', exact: true }).click();
    await citizen.getByRole('button', { name: 'Envoyer la demande' }).click();
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toBe('Demande envoyée');

    // The request is opened by the job queue; the agent finds it in the inbox.
    const inbox = `${e2e.server.url}/back-office/authorities/spf/requests`;
    await expect
      .poll(
        async () => {
          await agent.goto(inbox);
          return agent.getByRole('link', { name: /^\d{4}-\d{6}$/ }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await expectNoAxeViolations(agent);
    // Two characters find the references beginning with them; the page says words need three.
    const shown = (await agent.getByRole('link', { name: /^\d{4}-\d{6}$/ }).textContent()) ?? '';
    const search = agent.getByLabel('Rechercher (référence, nom du demandeur ou contenu des réponses)');
    await search.fill(shown.slice(0, 2));
    await agent.getByRole('button', { name: 'Filtrer' }).click();
    expect(await agent.getByRole('main').textContent()).toContain(
      'Pour chercher un mot, tapez-en au moins 3 caractères.',
    );
    expect(await agent.getByRole('link', { name: shown }).count()).toBe(1);
    await accessibleAtBothWidths(agent);
    // The requester's name, in any order: it is not in the answers, but the inbox knows who asked.
    await search.fill('rochat sophie');
    await agent.getByRole('button', { name: 'Filtrer' }).click();
    expect(await agent.getByRole('link', { name: shown }).count()).toBe(1);
    expect(await agent.getByRole('main').textContent()).toContain('Demandes trouvées : 1');
    await accessibleAtBothWidths(agent);
    // On a phone the reference is read whole, not broken at its hyphen over two lines.
    await agent.setViewportSize({ width: 360, height: 900 });
    const reference = agent.getByRole('link', { name: /^\d{4}-\d{6}$/ });
    expect(await reference.evaluate((a) => a.getClientRects().length)).toBe(1);
    await agent.setViewportSize({ width: 1280, height: 900 });
    await reference.click();
    await agent.getByRole('button', { name: 'M’attribuer' }).click();
    expect(await agent.getByRole('main').textContent()).toContain('Luc Fournier');
    await agent.getByLabel('Ce qui manque').fill('Joignez votre contrat de bail.');
    await agent.getByRole('button', { name: 'Demander un complément' }).click();
    await expectNoAxeViolations(agent);
    const requestPath = new URL(agent.url()).pathname.replace('/back-office/authorities/spf', '');

    await citizen.goto(`${e2e.server.url}/requests`);
    await expectNoAxeViolations(citizen);
    await citizen.goto(`${e2e.server.url}${requestPath}`);
    expect(await citizen.getByRole('main').textContent()).toContain('Joignez votre contrat de bail.');
    await citizen.getByLabel('Votre réponse').fill('Voici le contrat.');
    await citizen.getByLabel('Document (PDF, PNG ou JPEG)').setInputFiles(pdf('bail.pdf', 'bail'));
    await citizen.getByRole('button', { name: 'Envoyer le complément' }).click();
    expect(await citizen.getByRole('main').textContent()).toContain('En traitement');
    await expectNoAxeViolations(citizen);

    await agent.reload();
    expect(await agent.getByRole('main').textContent()).toContain('Voici le contrat.');
    await agent
      .getByLabel('Document de décision (PDF)')
      .setInputFiles(pdf('extrait.pdf', 'aucune poursuite'));
    await agent.getByRole('button', { name: 'Décider' }).click();
    await agent.getByLabel('Votre message').fill('Votre extrait est dans vos documents.');
    await agent.getByRole('button', { name: 'Envoyer le message' }).click();

    await citizen.reload();
    const page = await citizen.getByRole('main').textContent();
    expect(page).toContain('Acceptée');
    expect(page).toContain('Votre extrait est dans vos documents.');
    await citizen.getByLabel('Votre message').fill('Merci beaucoup.');
    await citizen.getByLabel('Document joint (facultatif)').setInputFiles(pdf('quittance.pdf', 'quittance'));
    await citizen.getByRole('button', { name: 'Envoyer le message' }).click();
    await citizen.getByRole('link', { name: 'Voir la décision dans mes documents' }).click();
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Extrait du registre des poursuites',
    );
    await citizen.goto(`${e2e.server.url}/documents`);
    expect(await citizen.getByRole('table').textContent()).toContain('Décision');

    await agent.reload();
    expect(await agent.getByRole('main').textContent()).toContain('Merci beaucoup.');
    // The message's attachment opens from the request in the back office.
    const attachment = await agent
      .getByRole('link', { name: 'Voir le document' })
      .last()
      .getAttribute('href');
    const opened = await agent.request.get(`${e2e.server.url}${attachment}`);
    expect(opened.status()).toBe(200);
    expect(await opened.text()).toContain('quittance');
  });

  it('a request asks for its fee; the citizen pays on the provider’s page and the request moves on', {
    timeout: 60_000,
  }, async () => {
    const { db } = e2e.server.database;
    const spf = await getAuthorityBySlug(db, 'spf');
    const form = await publishedSpfForm('Attestation de non-poursuite', 'Demande', {
      id: 'purpose',
      type: 'text',
      label: { fr: 'Motif' },
    });
    await saveFeeOnArrival(db, form.id, {
      amountCents: 2000,
      purpose: 'Émolument d’attestation',
      paidTo: 'in_progress',
      withdrawable: false,
    });
    const citizen = await loggedIn('Marc Darbellay');
    await citizen.goto(`${e2e.server.url}/forms/${form.id}/start`);
    await citizen.getByRole('button', { name: 'Commencer' }).click();
    await citizen.getByLabel('Motif').fill('Bail');
    await citizen.getByRole('button', { name: 'Continuer', exact: true }).click();
    await citizen.getByRole('button', { name: 'Envoyer la demande' }).click();
    // After sending: the reference, what is due now and what comes next.
    const sent = (await citizen.getByRole('main').textContent()) ?? '';
    const reference = sent.match(/Référence : (\d{4}-\d{6})/)?.[1];
    expect(reference).toBeTruthy();
    expect(sent).toContain('À payer maintenant : CHF\u00a020.00');
    expect(sent).toContain('Ensuite : votre demande est au statut « Émolument à payer »');
    await expectNoAxeViolations(citizen);
    await followPayLink(citizen, 'Payer CHF\u00a020.00');
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toBe(`Paiement ${reference}`);
    await expect
      .poll(
        async () => {
          await citizen.goto(`${e2e.server.url}/requests`);
          return citizen.getByRole('row', { name: /Attestation de non-poursuite/ }).count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await citizen
      .getByRole('row', { name: /Attestation de non-poursuite/ })
      .getByRole('link')
      .click();
    const requestUrl = citizen.url();
    await citizen.getByRole('link', { name: 'Payer' }).click();
    await expectNoAxeViolations(citizen);
    await citizen.getByRole('button', { name: /Payer CHF\s20\.00 en ligne/ }).click();
    // The provider's page (the simulator), reached through the form's redirect.
    await citizen.getByRole('button', { name: 'Pay CHF 20.00' }).click();
    await citizen.waitForURL(/\/payments\/[0-9a-f-]{36}/);
    expect(await citizen.getByRole('main').textContent()).toContain('Payé le');
    await expectNoAxeViolations(citizen);
    await expect
      .poll(
        async () => {
          await citizen.goto(requestUrl);
          return citizen.getByRole('main').textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('Émolument payé');

    // The authority's staff find the payment among the payments it received.
    const agent = await loggedIn('Luc Fournier');
    await agent.goto(`${e2e.server.url}/back-office/authorities/spf/payments`);
    await expectNoAxeViolations(agent);
    await agent
      .getByRole('link', { name: /^\d{4}-\d{6}$/ })
      .first()
      .click();
    expect(await agent.getByRole('main').textContent()).toContain('Émolument d’attestation');
    await expectNoAxeViolations(agent);

    // An administrator of the service gives the fee back, from the same page.
    await grantStaffRole(db, 'test', {
      authorityId: spf?.id ?? '',
      personId: (await demoPerson(db, 'Nadia Berclaz')).personId,
      role: 'authorityAdmin',
    });
    const admin = await loggedIn('Nadia Berclaz');
    await admin.goto(agent.url());
    await expectNoAxeViolations(admin);
    await admin.getByRole('button', { name: 'Rembourser' }).click();
    await admin.getByLabel('Motif du remboursement').fill('Attestation délivrée sans frais');
    await admin.getByRole('button', { name: 'Oui, rembourser' }).click();
    expect(await admin.getByRole('main').textContent()).toContain('Le remboursement est demandé');
    await expectNoAxeViolations(admin);
    // The job asks the provider; the outcome shows once it answered.
    const paymentPage = admin.url();
    await expect
      .poll(
        async () => {
          await admin.goto(paymentPage);
          return admin.getByRole('region', { name: 'Remboursements' }).textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('Remboursé');
    await expectNoAxeViolations(admin);
  });

  it('a person writes to an authority and its team answers from the shared mailbox', {
    timeout: 60_000,
  }, async () => {
    const person = await loggedIn('Thomas Imboden');
    const agent = await loggedIn('Luc Fournier');
    await person.goto(`${e2e.server.url}/messages/new?lang=fr`);
    await expectNoAxeViolations(person);
    await person.getByLabel('Autorité').selectOption({ label: 'Service des poursuites et faillites' });
    await person.getByLabel('Sujet').fill('Délai de paiement');
    await person.getByLabel('Message', { exact: true }).fill('Puis-je payer en deux fois ?');
    await person.getByRole('button', { name: 'Envoyer' }).click();
    await expectNoAxeViolations(person);

    await agent.goto(`${e2e.server.url}/back-office/authorities/spf/messages`);
    await expectNoAxeViolations(agent);
    await agent.getByRole('link', { name: 'Délai de paiement' }).click();
    await agent.getByRole('button', { name: 'M’attribuer' }).click();
    await agent.getByLabel('Répondre').fill('Oui, contactez-nous pour un plan.');
    await agent.getByRole('button', { name: 'Envoyer' }).click();
    await expectNoAxeViolations(agent);

    await person.goto(`${e2e.server.url}/messages`);
    expect(await person.getByRole('table').textContent()).toContain('Non lu');
    await person.getByRole('link', { name: 'Délai de paiement' }).click();
    expect(await person.getByRole('main').textContent()).toContain('Oui, contactez-nous pour un plan.');
    await person.goto(`${e2e.server.url}/my`);
    await expectNoAxeViolations(person);
  });
});
