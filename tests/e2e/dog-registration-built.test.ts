import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectCommunalErp, followForm } from '../../src/simulators/communal-erp/index.ts';
import { cleanPdf } from '../support/attack-corpus.ts';
import { accessibleAtBothWidths, expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { grantDevRole } from '../support/dev-staff.ts';

const e2e = useBrowserAndServer({ worker: true });

const french = (page: Page, group: string) =>
  page.getByRole('group', { name: group }).getByLabel('En français');
const save = (page: Page) => page.getByRole('button', { name: 'Enregistrer', exact: true }).click();

/** Adds a field of a type to the first step and opens its page. */
async function addField(page: Page, type: string) {
  await page.getByLabel('Type de champ').first().selectOption(type);
  await page.getByRole('button', { name: 'Ajouter un champ Étape 1' }).click();
  await page.getByRole('link', { name: 'Modifier Nouveau champ' }).click();
}

/** Adds a column of a type to the table whose page is open, and opens the column's page. */
async function addColumn(page: Page, type: string) {
  const table = page.url();
  await page.locator('#childType').selectOption(type);
  await page.getByRole('button', { name: 'Ajouter une colonne' }).click();
  await page.goto(table);
  await page.getByRole('link', { name: 'Nouveau champ' }).click();
}

describe('Sion’s dog registration, built without code', () => {
  it('a designer builds it in the browser, publishes it on Sion’s portal; a citizen registers two dogs, pays, and reads the tag numbers', {
    timeout: 300_000,
  }, async () => {
    const { db } = e2e.server.database;
    const designer = await loggedInAs(e2e.browser, e2e.server.url, 'Claire Fellay', { timeout: 15_000 });
    await grantDevRole(db, 'Claire Fellay', 'sion', 'serviceDesigner');

    // The form: the owner (prefilled), the dogs, the insurance scan, the yearly tax.
    await designer.goto(`${e2e.server.url}/back-office/forms`);
    await designer.getByLabel('Titre du formulaire').fill('Chiens de Sion');
    await designer.getByRole('button', { name: 'Créer' }).click();
    await designer.waitForURL(/\/back-office\/forms\/[0-9a-f-]{36}$/);
    const formPath = new URL(designer.url()).pathname;

    await addField(designer, 'text');
    await french(designer, 'Libellé').fill('Nom du détenteur');
    await designer.getByLabel('Réponse obligatoire').check();
    await designer.getByLabel('Préremplir avec').selectOption('person.familyName');
    await save(designer);

    await addField(designer, 'group');
    await french(designer, 'Libellé').fill('Vos chiens');
    await designer.getByLabel('Réponse obligatoire').check();
    await save(designer);
    await designer.getByRole('link', { name: 'Modifier Vos chiens' }).click();
    const tablePage = designer.url();
    await designer.getByRole('link', { name: 'Colonne' }).click();
    await french(designer, 'Libellé').fill('Nom du chien');
    await designer.getByLabel('Réponse obligatoire').check();
    await save(designer);
    await designer.goto(tablePage);
    await addColumn(designer, 'text');
    await french(designer, 'Libellé').fill('Race');
    await save(designer);
    await designer.goto(tablePage);
    await addColumn(designer, 'date');
    await french(designer, 'Libellé').fill('Date de naissance');
    await save(designer);
    await designer.goto(tablePage);
    await addColumn(designer, 'text');
    await french(designer, 'Libellé').fill('Numéro de puce');
    await designer.getByLabel('Réponse obligatoire').check();
    await designer
      .getByLabel('Vérification de la réponse')
      .selectOption({ label: 'Numéro de puce électronique (15 chiffres)' });
    await expectNoAxeViolations(designer);
    await save(designer);
    await designer.goto(tablePage);
    await addColumn(designer, 'yesno');
    await french(designer, 'Libellé').fill('Castré ou stérilisée');
    await save(designer);

    await designer.goto(`${e2e.server.url}${formPath}`);
    await addField(designer, 'document');
    await french(designer, 'Libellé').fill('Attestation d’assurance responsabilité civile');
    await designer.getByLabel('Réponse obligatoire').check();
    await save(designer);

    await addField(designer, 'computed');
    await french(designer, 'Libellé').fill('Taxe annuelle');
    await designer.getByLabel('Tableau').selectOption({ label: 'Vos chiens' });
    await designer.getByLabel('Prix de la première ligne').fill('100');
    await designer.getByLabel('Prix de chaque ligne suivante').fill('150');
    await designer.getByLabel('Afficher comme').selectOption({ label: 'un montant en francs' });
    await accessibleAtBothWidths(designer);
    await save(designer);
    await designer.waitForURL(new RegExp(`${formPath}$`));
    await designer.getByRole('button', { name: 'Publier la version 1' }).click();
    await designer.waitForURL(/published=1/);

    // The workflow: the tax asked on arrival; paid, the request goes to the office.
    await designer.getByRole('link', { name: 'Déroulement des demandes' }).click();
    const arrival = designer.getByRole('group', { name: 'Nouvelle', exact: true });
    await arrival
      .getByLabel('Ou le montant que calcule le formulaire')
      .selectOption({ label: 'Taxe annuelle' });
    await arrival
      .getByRole('group', { name: 'Objet de l’émolument' })
      .getByLabel('En français')
      .fill('Taxe des chiens');
    await designer.getByRole('button', { name: 'Enregistrer le déroulement' }).click();
    await designer.waitForURL(/saved=1/);
    await accessibleAtBothWidths(designer);

    // Sion's page for it, on Sion's portal.
    await designer.goto(`${e2e.server.url}/back-office/catalogue`);
    await designer.getByRole('link', { name: 'Nouvelle prestation' }).click();
    await designer.getByLabel('Adresse de la page').fill('chiens-sion-en-ligne');
    await designer
      .getByRole('group', { name: 'Nom' })
      .getByLabel('Texte en français')
      .fill('Annoncer un chien');
    await designer
      .getByRole('group', { name: 'Résumé (une phrase)' })
      .getByLabel('Texte en français')
      .fill('Annoncez vos chiens et payez la taxe annuelle.');
    await designer
      .getByRole('group', { name: 'Description' })
      .getByLabel('Texte en français')
      .fill('Chaque chien détenu à Sion est annoncé à la commune, qui délivre sa médaille.');
    await designer.getByRole('group', { name: 'Thèmes' }).getByLabel('Habitants').check();
    await designer.getByLabel('La démarche se fait entièrement en ligne').check();
    await designer.getByLabel('Formulaire de la démarche en ligne').selectOption({ label: 'Chiens de Sion' });
    await designer.getByRole('button', { name: 'Créer le brouillon' }).click();
    await designer.waitForURL(/chiens-sion-en-ligne\?saved=1/);
    await designer.getByRole('link', { name: 'Aperçu de la version 1' }).click();
    await designer.getByRole('button', { name: 'Publier la version 1' }).click();
    await designer.waitForURL(/published=1/);

    // Sion's IT points its ERP at the new form (the answers named as the builder named them).
    const formId = formPath.split('/').at(-1) ?? '';
    const definition = (
      await sql<{
        definition: { steps: { fields: { id: string; type: string; fields?: { id: string }[] }[] }[] };
      }>`
        select definition from form_versions where form_id = ${formId} order by version desc limit 1`.execute(
        db,
      )
    ).rows[0]?.definition;
    const table = definition?.steps[0]?.fields.find((f) => f.type === 'group');
    await followForm(db, { formId, dogsField: table?.id ?? '', nameField: table?.fields?.[0]?.id ?? '' });
    expect(await connectCommunalErp(db, e2e.server.url)).toBe(true);

    // A citizen of Sion finds it on Sion's portal and registers two dogs.
    const citizen = await loggedInAs(e2e.browser, e2e.server.url, 'Sophie Rochat', { timeout: 15_000 });
    await citizen.goto(`${e2e.server.url}/communes/sion`);
    await citizen.getByRole('link', { name: 'Annoncer un chien' }).first().click();
    await accessibleAtBothWidths(citizen);
    await citizen
      .getByRole('link', { name: /Commencer|Faire la démarche/ })
      .first()
      .click();
    const start = citizen.getByRole('button', { name: 'Commencer' });
    if (await start.count()) await start.click();
    expect(await citizen.getByLabel('Nom du détenteur').inputValue()).toBe('Rochat');
    for (const [row, name, chip] of [
      [0, 'Filou', '756 0981 0012 3456'],
      [1, 'Praline', '75609810012345'],
    ] as const) {
      await citizen.getByRole('button', { name: 'Ajouter une ligne' }).click();
      const dog = citizen.getByRole('group', { name: `Ligne ${row + 1}` });
      await dog.getByLabel('Nom du chien').fill(name);
      await dog.getByLabel('Numéro de puce').fill(chip);
    }
    await expect.poll(() => citizen.locator('output').first().textContent()).toMatch(/250\.00/);
    await citizen.getByLabel('Choisir des fichiers (PDF ou photos des pages)').setInputFiles({
      name: 'assurance.pdf',
      mimeType: 'application/pdf',
      buffer: await cleanPdf('Assurance RC'),
    });
    // The page's script sends the file at once (the step's answers with it).
    await citizen.getByText(/\.pdf \(1 page\)/).waitFor({ timeout: 30_000 });
    await citizen.getByRole('button', { name: 'Continuer', exact: true }).click();
    // The second chip has 14 digits: the designer's check says so.
    expect(await citizen.getByRole('alert').textContent()).toContain('Le numéro de puce compte 15 chiffres');
    await accessibleAtBothWidths(citizen);
    await citizen
      .getByRole('group', { name: 'Ligne 2' })
      .getByLabel('Numéro de puce')
      .fill('756098100654321');
    await citizen.getByRole('button', { name: 'Continuer', exact: true }).click();
    await citizen.getByRole('button', { name: 'Envoyer la demande' }).click();
    expect(await citizen.getByRole('heading', { level: 1 }).textContent()).toBe('Demande envoyée');

    // The tax, paid to Sion, from the page that says the request was sent. Until the job has asked
    // the fee (moments later; longer on a busy machine) the link comes back saying it is on its way:
    // the citizen follows it again.
    await expect
      .poll(
        async () => {
          await citizen
            .getByRole('link', { name: /^Payer/ })
            .first()
            .click();
          return new URL(citizen.url()).pathname.startsWith('/payments/');
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(true);
    await citizen.getByLabel('TWINT').check();
    await accessibleAtBothWidths(citizen);
    await citizen.getByRole('button', { name: /Payer CHF\s250\.00 en ligne/ }).click();
    await citizen.waitForURL(/\/simulators\/saferpay\/vt\//);
    await citizen.getByRole('button', { name: 'Pay CHF 250.00' }).click();
    await citizen.waitForURL((url) => !url.pathname.startsWith('/simulators/'));

    // The ERP's tags, on the request.
    const { rows } = await sql<{ id: string }>`
      select c.id from cases c join form_submissions s on s.id = c.submission_id where s.form_id = ${formId}`.execute(
      db,
    );
    const requestUrl = `${e2e.server.url}/requests/${rows[0]?.id}`;
    await expect
      .poll(
        async () => {
          await citizen.goto(requestUrl);
          return citizen.getByRole('main').textContent();
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toMatch(/Filou : médaille n° SION-2026-\d{4} ; Praline : médaille n° SION-2026-\d{4}/);
    await accessibleAtBothWidths(citizen);

    // Sion's office reads the tags on the request and confirms the registration.
    const office = await loggedInAs(e2e.browser, e2e.server.url, 'Nadia Berclaz', { timeout: 15_000 });
    await office.goto(`${e2e.server.url}/back-office/authorities/sion/requests/${rows[0]?.id}`);
    expect(await office.getByRole('main').textContent()).toMatch(/Filou : médaille n° SION-2026-\d{4}/);
    await office.getByRole('button', { name: 'M’attribuer' }).click();
    await office.getByRole('radio', { name: 'Acceptée' }).check();
    await office.getByLabel('Modèle de lettre').selectOption({ label: 'Lettre de décision standard' });
    await accessibleAtBothWidths(office);
    await office.getByRole('button', { name: 'Décider' }).click();
    expect(await office.getByRole('main').textContent()).toContain('Décidée : acceptée');
  });
});
