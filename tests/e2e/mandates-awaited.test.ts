import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';

const e2e = useBrowserAndServer();

describe('a mandate to someone who has never logged in', () => {
  it('waits for them by AVS number and name, is theirs to accept at their first login, and says what it does not cover', {
    timeout: 60_000,
  }, async () => {
    const principal = await loggedInAs(e2e.browser, e2e.server.url, 'Sophie Rochat');
    await principal.goto(`${e2e.server.url}/mandates`);
    // Thomas Imboden has never logged in to this database: the mandate waits for him.
    await principal.getByLabel('Numéro AVS de la personne').fill('756.2345.6789.08');
    await principal.getByLabel('Nom de famille de la personne').fill('imboden');
    await principal.getByRole('checkbox', { name: 'Impôts' }).check();
    await principal.getByRole('checkbox', { name: 'consulter' }).check();
    await principal.getByRole('button', { name: 'Proposer la procuration' }).click();
    await principal.waitForURL(/granted=awaited/);
    expect(await principal.getByRole('main').textContent()).toContain('dès sa première connexion');
    const given = principal.getByRole('table', { name: /Procurations données par/ });
    expect(await given.textContent()).toContain('Attend la première connexion de imboden');
    await expectNoAxeViolations(principal);

    const agent = await loggedInAs(e2e.browser, e2e.server.url, 'Thomas Imboden');
    await agent.goto(`${e2e.server.url}/my?lang=fr`);
    expect(await agent.getByRole('region', { name: 'Important' }).first().textContent()).toContain(
      'On vous a donné une procuration',
    );
    await expectNoAxeViolations(agent);
    await agent.getByRole('link', { name: 'Gérer les procurations' }).first().click();
    await agent.getByRole('button', { name: 'Accepter Sophie Rochat' }).click();
    await agent.waitForURL(`${e2e.server.url}/mandates`);
    expect(
      await agent.getByRole('table', { name: 'Procurations que vous avez reçues' }).textContent(),
    ).toContain('Active');

    // Acting for Sophie on taxes only, Thomas is told why a communal service is refused, and by whom
    // the mandate can be extended.
    await agent.goto(`${e2e.server.url}/accounts`);
    await agent.getByRole('button', { name: 'Agir pour Sophie Rochat' }).click();
    await agent.goto(`${e2e.server.url}/services/enregistrement-chien-sion/start`);
    expect(await agent.getByRole('heading', { level: 1 }).textContent()).toBe('Accès refusé');
    expect(await agent.getByRole('main').textContent()).toContain(
      'Votre procuration pour Sophie Rochat ne couvre pas le thème « Prestations communales ». Sophie Rochat peut l’étendre',
    );
    await expectNoAxeViolations(agent);

    await principal.reload();
    expect(await given.textContent()).toContain('Thomas Imboden');
    expect(await given.textContent()).toContain('Active');

    // An organisation that does not use the counter yet is named by its UID; the register names it.
    await principal.getByLabel('Une entreprise ou organisation (numéro IDE)').check();
    await principal.getByLabel('Numéro IDE de l’organisation').fill('CHE-345.678.915');
    await principal.getByRole('checkbox', { name: 'Impôts' }).check();
    await principal.getByRole('checkbox', { name: 'consulter' }).check();
    await principal.getByRole('button', { name: 'Proposer la procuration' }).click();
    await principal.waitForURL(/granted=awaited/);
    expect(await given.textContent()).toContain('Attend la première connexion de Imboden Bau AG');
    // Thomas signs for it: once he opens its account, its mandate waits there for his answer.
    await agent.goto(`${e2e.server.url}/accounts`);
    await agent.getByRole('button', { name: /Ouvrir le compte professionnel de Imboden Bau AG/ }).click();
    await agent.goto(`${e2e.server.url}/mandates`);
    await agent.getByRole('button', { name: 'Accepter Sophie Rochat' }).click();
    await agent.waitForURL(`${e2e.server.url}/mandates`);
    expect(
      await agent.getByRole('table', { name: 'Procurations que vous avez reçues' }).textContent(),
    ).not.toContain('Proposée');
    await principal.reload();
    expect(await given.textContent()).not.toContain('Attend la première connexion');
  });
});
