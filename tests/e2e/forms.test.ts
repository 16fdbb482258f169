import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffRole } from '../../src/platform/http/access.ts';
import { expectNoAxeViolations, loggedInAs, watchCspViolations } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { grantDevRole } from '../support/dev-staff.ts';

let context: BrowserContext | undefined;
let formPath = '';

const e2e = useBrowserAndServer();
afterEach(async () => {
  await context?.close();
});

/** A browser of its own, logged in through the development identity provider (as Sion's staff if `role`). */
async function open(
  person: string,
  options: { javaScript?: boolean; width?: number; role?: StaffRole } = {},
): Promise<Page> {
  const page = await loggedInAs(e2e.browser, e2e.server.url, person, {
    width: options.width ?? 1280,
    javaScript: options.javaScript,
    timeout: 10_000,
  });
  context = page.context();
  if (options.role) await grantDevRole(e2e.server.database.db, person, 'sion', options.role);
  return page;
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

async function editField(page: Page, name: string) {
  await page.getByRole('link', { name: `Modifier ${name}` }).click();
}

describe('the form builder and runner', () => {
  it('a designer builds a two-step form with a condition and a repeating group, and publishes it', {
    timeout: 90_000,
  }, async () => {
    const page = await open('Claire Fellay', { role: 'serviceDesigner' });
    const csp = watchCspViolations(page);
    await page.goto(`${e2e.server.url}/back-office/forms`);
    await expectNoAxeViolations(page);
    await page.getByLabel('Titre du formulaire').fill('Enregistrement de chiens');
    await page.getByRole('button', { name: 'Créer' }).click();
    await page.waitForURL(/\/back-office\/forms\/[0-9a-f-]{36}$/);
    formPath = new URL(page.url()).pathname;

    // Step 1: a choice, and a field shown only when "yes" is chosen.
    await page.getByLabel('Type de champ').selectOption('choice');
    await page.getByRole('button', { name: 'Ajouter un champ Étape 1' }).click();
    await editField(page, 'Nouveau champ');
    await expectNoAxeViolations(page);
    await page
      .getByRole('group', { name: 'Libellé' })
      .getByLabel('En français')
      .fill('Votre chien est-il un chien de travail ?');
    await page
      .getByRole('group', { name: 'Libellé' })
      .getByLabel('En allemand')
      .fill('Ist Ihr Hund ein Arbeitshund?');
    await page.getByLabel('Réponse obligatoire').check();
    // The answers are a table: a row each, one more added and then removed, all by round trips.
    const answers = page.getByRole('table', { name: 'Réponses proposées' });
    const cell = (column: string, row: number) =>
      answers.getByRole('textbox', { name: `${column}, réponse ${row}` });
    await cell('Code', 1).fill('oui');
    await cell('Français', 1).fill('Oui');
    await cell('Allemand', 1).fill('Ja');
    await cell('Code', 2).fill('non');
    await cell('Français', 2).fill('Non');
    await cell('Allemand', 2).fill('Nein');
    await cell('Français', 3).fill('Peut-être');
    await page.getByRole('button', { name: 'Ajouter une réponse' }).click();
    await page.waitForURL(/blankOptions=2/);
    expect(await cell('Code', 3).inputValue()).toBe('peut-etre');
    expect(await answers.locator('tbody tr').count()).toBe(5);
    await expectNoAxeViolations(page);
    await answers.getByRole('checkbox', { name: 'Supprimer, réponse 3' }).check();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL(new RegExp(`${formPath}$`));

    await page.getByLabel('Type de champ').selectOption('text');
    await page.getByRole('button', { name: 'Ajouter un champ Étape 1' }).click();
    await editField(page, 'Nouveau champ');
    await page
      .getByRole('group', { name: 'Libellé' })
      .getByLabel('En français')
      .fill('Exploitation agricole');
    await page.getByLabel('Réponse obligatoire').check();
    // The condition is chosen from a menu that says it in words, and listed in words.
    const condition = page.getByRole('group', { name: 'Afficher seulement si' });
    expect(await condition.getByLabel('Valeur saisie').isVisible()).toBe(false); // only for typed answers
    await condition
      .getByLabel('Condition')
      .selectOption({ label: '« Votre chien est-il un chien de travail ? » est « Oui »' });
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL(new RegExp(`${formPath}$`));
    const step1 = await page.getByRole('table', { name: 'Étape 1' }).textContent();
    expect(step1).toContain('Affiché si « Votre chien est-il un chien de travail ? » est « Oui »');
    expect(step1).not.toContain('==');

    // Rows can be dragged too (the buttons do the same with the keyboard).
    const rows = page.getByRole('table', { name: 'Étape 1' }).locator('tbody tr');
    await rows.nth(1).locator('td').first().dragTo(rows.nth(0).locator('td').first());
    await page.waitForLoadState('load');
    await expect
      .poll(() => rows.nth(0).textContent(), { timeout: 15_000 })
      .toContain('Exploitation agricole');
    await page.getByRole('button', { name: 'Descendre Exploitation agricole' }).click();
    await expect.poll(() => rows.nth(0).textContent()).toContain('Votre chien');

    // Step 2: a table of dogs.
    await page.getByRole('button', { name: 'Ajouter une étape' }).click();
    await page.getByLabel('Type de champ').nth(1).selectOption('group');
    await page.getByRole('button', { name: 'Ajouter un champ Étape 2' }).click();
    await editField(page, 'Nouveau champ');
    await page.getByRole('group', { name: 'Libellé' }).getByLabel('En français').fill('Vos chiens');
    await page.getByLabel('Réponse obligatoire').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await editField(page, 'Vos chiens');
    await page.getByRole('link', { name: 'Colonne' }).click();
    await page.getByRole('group', { name: 'Libellé' }).getByLabel('En français').fill('Nom du chien');
    await page.getByLabel('Réponse obligatoire').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('link', { name: 'Retour au formulaire' }).click();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Aperçu sur mobile' }).click();
    expect(await page.getByLabel('Exploitation agricole').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.goBack();
    await page.getByRole('button', { name: 'Publier la version 1' }).click();
    await page.waitForURL(/published=1/);
    expect(await page.getByRole('region', { name: 'Succès' }).textContent()).toContain('Version 1 publiée');
    await page.getByRole('link', { name: 'Déroulement des demandes' }).click();
    const inProgress = page.getByRole('group', { name: 'En traitement' });
    const citizenWording = inProgress.getByRole('group', { name: 'Libellé pour le demandeur' });
    await citizenWording.getByLabel('En français').fill('Votre demande est à l’étude');
    await citizenWording.getByLabel('En allemand').fill('Ihr Gesuch wird geprüft');
    await page.getByRole('button', { name: 'Enregistrer le déroulement' }).click();
    await page.waitForURL(/saved=1/);
    expect(await citizenWording.getByLabel('En allemand').inputValue()).toBe('Ihr Gesuch wird geprüft');
    await expectNoAxeViolations(page);
    expect(csp).toEqual([]);
  });

  it('a citizen fills and submits it with JavaScript: the condition reacts at once', {
    timeout: 60_000,
  }, async () => {
    const page = await open('Sophie Rochat', { width: 360 });
    const csp = watchCspViolations(page);
    await page.goto(`${e2e.server.url}${formPath.replace('/back-office/forms', '/forms')}/start`);
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.waitForURL(/\/forms\/drafts\//);
    expect(await page.getByText('Étape 1 sur 2').count()).toBe(1);
    await expectNoAxeViolations(page);
    const farm = page.getByLabel('Exploitation agricole');
    expect(await farm.isVisible()).toBe(false);
    await page.getByLabel('Oui').check();
    await farm.waitFor({ state: 'visible' }); // shown by the script, before any round trip
    await farm.fill('Domaine des Crêtes');
    await page.getByRole('button', { name: 'Continuer', exact: true }).click();
    await page.waitForURL(/step=step2/);
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.getByLabel('Nom du chien').fill('Rex');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Continuer', exact: true }).click();
    await page.waitForURL(/\/review$/);
    expect(await page.getByRole('main').textContent()).toContain('Domaine des Crêtes');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    expect(await h1(page)).toBe('Demande envoyée');
    await expectNoAxeViolations(page);
    expect(csp).toEqual([]);
  });

  it('the same form is completed with JavaScript disabled', { timeout: 60_000 }, async () => {
    const page = await open('Sophie Rochat', { javaScript: false });
    await page.goto(`${e2e.server.url}${formPath.replace('/back-office/forms', '/forms')}/start`);
    await page.getByRole('button', { name: 'Commencer' }).click();
    await page.getByLabel('Oui').check();
    await page.getByRole('button', { name: 'Continuer', exact: true }).click();
    // The step comes back with the field the answer revealed, and says why, as with JavaScript.
    expect(await page.getByRole('alert').textContent()).toContain(
      'Répondez aussi à cette question : Exploitation agricole',
    );
    const farm = page.getByLabel('Exploitation agricole');
    expect(await farm.getAttribute('aria-invalid')).toBe('true');
    await farm.fill('Alpage de Thyon');
    await page.getByRole('button', { name: 'Continuer', exact: true }).click();
    await page.getByRole('button', { name: 'Continuer', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Ajoutez au moins une ligne');
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.getByLabel('Nom du chien').fill('Bella');
    await page.getByRole('button', { name: 'Continuer', exact: true }).click();
    expect(await h1(page)).toBe('Vérifiez vos réponses');
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    expect(await h1(page)).toBe('Demande envoyée');
  });
});
