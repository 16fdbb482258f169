import { describe, expect, it } from 'vitest';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { grantDevRole } from '../support/dev-staff.ts';

const e2e = useBrowserAndServer({ worker: true });

const loggedIn = (person: string) => loggedInAs(e2e.browser, e2e.server.url, person, { timeout: 10_000 });

describe('support', () => {
  it('a question goes from a citizen to the support desk, to the commune owning the service, and its answer back', {
    timeout: 180_000,
  }, async () => {
    const citizen = await loggedIn('Sophie Rochat');
    await citizen.goto(`${e2e.server.url}/services/enregistrement-chien-sion`);
    await citizen.getByRole('contentinfo').getByRole('link', { name: 'Aide' }).click();
    await citizen.getByLabel('Chercher dans les questions').fill('chien');
    await citizen.getByRole('button', { name: 'Chercher' }).click();
    expect(await citizen.getByRole('main').textContent()).toContain(
      'Combien coûte l’enregistrement d’un chien ?',
    );
    expect(await citizen.getByRole('main').textContent()).not.toContain('Comment me connecter');
    await accessibleAtBothWidths(citizen);
    await citizen.getByLabel('Prestation').selectOption({ label: 'Enregistrement d’un chien' });
    await citizen.getByRole('button', { name: 'Chercher' }).click();
    await citizen.getByRole('link', { name: /Écrire au support/ }).click();
    await citizen.getByRole('button', { name: 'Envoyer' }).click();
    expect(await citizen.getByRole('alert').textContent()).toContain('Indiquez le sujet');
    await accessibleAtBothWidths(citizen);
    await citizen.getByLabel('Sujet').fill('Deux chiens');
    await citizen.getByLabel('Message').fill('Dois-je faire une demande par chien ?');
    await citizen.getByRole('button', { name: 'Envoyer' }).click();
    const sent = await citizen.getByRole('status').textContent();
    const reference = sent?.match(/SUP-[A-Z0-9]{8}/)?.[0] ?? '';
    expect(reference).not.toBe('');
    await accessibleAtBothWidths(citizen);

    const desk = await loggedIn('Luc Fournier');
    await grantDevRole(e2e.server.database.db, 'Luc Fournier', 'valais', 'agent');
    await desk.goto(`${e2e.server.url}/back-office`);
    await desk.getByRole('link', { name: 'Support' }).first().click();
    await accessibleAtBothWidths(desk); // the desk's list and its form for new questions
    await desk.getByRole('link', { name: 'Deux chiens' }).click();
    const context = await desk.getByRole('main').textContent();
    expect(context).toContain('Enregistrement d’un chien');
    expect(context).toContain('HeadlessChrome');
    await accessibleAtBothWidths(desk);
    await desk.getByRole('button', { name: 'M’attribuer' }).click();
    // The commune owning the service comes first among the authorities to hand over to.
    expect(await desk.getByLabel('Transmettre à').inputValue()).toBe(
      await desk.getByLabel('Transmettre à').getByRole('option', { name: 'Sion' }).getAttribute('value'),
    );
    await desk.getByLabel('Note pour l’autorité').fill('Question sur votre taxe des chiens');
    await desk.getByRole('button', { name: 'Transmettre' }).click();

    const commune = await loggedIn('Nadia Berclaz');
    await commune.goto(`${e2e.server.url}/back-office/authorities/sion/support`);
    await commune.getByRole('link', { name: 'Deux chiens' }).click();
    expect(await commune.getByRole('main').textContent()).toContain('Question sur votre taxe des chiens');
    await commune
      .getByLabel('Votre réponse')
      .fill('Une seule demande suffit : indiquez le nombre de chiens.');
    await commune.getByRole('button', { name: 'Répondre', exact: true }).click();
    await accessibleAtBothWidths(commune);

    await citizen.goto(`${e2e.server.url}/help`);
    await citizen.getByRole('link', { name: 'Mes demandes au support' }).click();
    await citizen.getByRole('link', { name: 'Deux chiens' }).click();
    const thread = await citizen.getByRole('main').textContent();
    expect(thread).toContain('Une seule demande suffit');
    expect(thread).toContain('Répondue');
    expect(thread).not.toContain('Question sur votre taxe des chiens'); // the staff's note stays inside
    await accessibleAtBothWidths(citizen);
    await citizen.getByLabel('Votre réponse').fill('Merci !');
    await citizen.getByRole('button', { name: 'Répondre' }).click();
    expect(await citizen.getByRole('main').textContent()).toContain('En cours');
  });

  it('gives everyone, logged in or not, a feedback link naming the page it was on', {
    timeout: 60_000,
  }, async () => {
    const visitor = await e2e.browser.newPage({ locale: 'fr-CH' });
    await visitor.goto(`${e2e.server.url}/services/enregistrement-chien-sion?lang=fr`);
    await visitor.getByRole('contentinfo').getByRole('link', { name: 'Donner votre avis' }).click();
    expect(await visitor.locator('input[name="page"]').inputValue()).toBe(
      '/services/enregistrement-chien-sion?lang=fr',
    );
    await visitor.getByLabel('Nom').fill('Marc Dupont');
    await visitor.getByLabel('Adresse e-mail').fill('marc@example.ch');
    await visitor.getByLabel('Sujet').fill('Page claire');
    await visitor.getByLabel('Message').fill('Merci pour cette page.');
    await accessibleAtBothWidths(visitor);
    await visitor.getByRole('button', { name: 'Envoyer' }).click();
    expect(await visitor.getByRole('main').textContent()).toContain(
      'La réponse vous sera envoyée par e-mail.',
    );
  });
});
