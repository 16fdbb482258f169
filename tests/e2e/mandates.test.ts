import { describe, expect, it } from 'vitest';
import { accountHeldBy } from '../../src/modules/accounts/index.ts';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { publishDocument, vaultOf } from '../../src/modules/documents/index.ts';
import { findPersonByAvs } from '../../src/modules/identity/index.ts';
import { expectNoAxeViolations, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';

const e2e = useBrowserAndServer();

/** What an authority's application would do through the API: a document into the person's account. */
async function publishTo(avs: string, title: string, theme: 'tax' | 'debtCollection') {
  const { db } = e2e.server.database;
  const person = await findPersonByAvs(db, avs);
  const accountId = person && (await accountHeldBy(db, { personId: person.id }));
  const authority = await getAuthorityBySlug(db, theme === 'tax' ? 'scc' : 'spf');
  if (!accountId || !authority) throw new Error('demo data missing');
  await publishDocument(await vaultOf(e2e.server.platform), {
    accountId,
    authorityId: authority.id,
    title,
    category: theme === 'tax' ? 'tax' : 'decision',
    theme,
    message: null,
    filename: 'document.pdf',
    bytes: Buffer.from(`%PDF-1.4\n% ${title}\n%%EOF\n`),
    idempotencyKey: title,
    publishedBy: 'test',
  });
}

const loggedIn = (person: string) => loggedInAs(e2e.browser, e2e.server.url, person);

describe('mandates', () => {
  it('a person grants a tax mandate; the agent accepts and acts for her; once revoked, the next request is refused', {
    timeout: 60_000,
  }, async () => {
    const agent = await loggedIn('Claire Fellay');
    const principal = await loggedIn('Sophie Rochat');

    await principal.goto(`${e2e.server.url}/mandates`);
    await expectNoAxeViolations(principal);
    await principal.getByLabel('Numéro AVS de la personne').fill('756.4567.8901.21');
    await principal.getByLabel('Nom de famille de la personne').fill('Fellay');
    await principal.getByRole('checkbox', { name: 'Impôts' }).check();
    await principal.getByRole('checkbox', { name: 'consulter' }).check();
    await principal.getByRole('button', { name: 'Proposer la procuration' }).click();
    expect(await principal.getByRole('alert').textContent()).toContain('Saisissez un numéro AVS valable');
    await expectNoAxeViolations(principal);
    await principal.getByLabel('Numéro AVS de la personne').fill('756.4567.8901.20');
    await principal.getByRole('button', { name: 'Proposer la procuration' }).click();
    await principal.waitForURL(/granted=1/);
    expect(await principal.getByRole('table').textContent()).toContain('Claire Fellay');

    await agent.goto(`${e2e.server.url}/mandates`);
    await agent.getByRole('button', { name: 'Accepter Sophie Rochat' }).click();
    await agent.waitForURL(`${e2e.server.url}/mandates`);
    expect(await agent.getByRole('table').textContent()).toContain('Active');
    await agent.goto(`${e2e.server.url}/accounts`);
    await agent.getByRole('button', { name: 'Agir pour Sophie Rochat' }).click();
    const banner = agent.getByRole('banner');
    expect(await banner.textContent()).toContain('Pour Sophie Rochat, par procuration');
    expect(await banner.textContent()).toContain('Vous, Claire Fellay, agissez pour Sophie Rochat');
    await expectNoAxeViolations(agent);

    // Acting for Sophie, Claire sees her tax matters only.
    await publishTo('756.1234.5678.97', 'Décision de taxation 2025', 'tax');
    await publishTo('756.1234.5678.97', 'Commandement de payer', 'debtCollection');
    await agent.goto(`${e2e.server.url}/documents`);
    const documents = await agent.getByRole('main').textContent();
    expect(documents).toContain('Décision de taxation 2025');
    expect(documents).not.toContain('Commandement de payer');
    await agent.getByRole('link', { name: 'Décision de taxation 2025' }).click();
    await expectNoAxeViolations(agent);
    await principal.goto(`${e2e.server.url}/mandates`);
    await principal.getByRole('link', { name: 'Ce qu’elle a consulté et fait Claire Fellay' }).click();
    expect(await principal.getByRole('table').textContent()).toContain(
      'Document consulté : Décision de taxation 2025',
    );

    await principal.goto(`${e2e.server.url}/mandates`);
    await principal.getByRole('link', { name: 'Révoquer Claire Fellay' }).click();
    await principal.getByRole('button', { name: 'Oui, révoquer la procuration' }).click();
    await principal.waitForURL(`${e2e.server.url}/mandates`);
    expect(await principal.getByRole('table').textContent()).toContain('Révoquée');

    await agent.goto(e2e.server.url);
    expect(await agent.getByRole('banner').textContent()).not.toContain('Sophie Rochat');
    expect(await agent.getByRole('banner').textContent()).toContain('Compte personnel');
  });

  it('an organisation with joint signature needs both signatories before its mandate can be accepted', {
    timeout: 60_000,
  }, async () => {
    const agent = await loggedIn('Sophie Rochat');
    const firstSignatory = await loggedIn('Marc Darbellay');
    const secondSignatory = await loggedIn('Claire Fellay');
    for (const signatory of [firstSignatory, secondSignatory]) {
      await signatory.goto(`${e2e.server.url}/accounts`);
      await signatory
        .getByRole('button', { name: /Ouvrir le compte professionnel de Fiduciaire des Alpes Sàrl/ })
        .click();
      expect(await signatory.getByRole('banner').textContent()).toContain('Fiduciaire des Alpes Sàrl');
    }

    await firstSignatory.goto(`${e2e.server.url}/mandates`);
    await firstSignatory.getByLabel('Numéro AVS de la personne').fill('756.1234.5678.97');
    await firstSignatory.getByLabel('Nom de famille de la personne').fill('Rochat');
    await firstSignatory.getByRole('checkbox', { name: 'Stupéfiants' }).check();
    await firstSignatory.getByRole('checkbox', { name: 'faire des demandes' }).check();
    await firstSignatory.getByRole('button', { name: 'Proposer la procuration' }).click();
    await firstSignatory.waitForURL(/granted=1/);
    expect(
      await firstSignatory.getByRole('table', { name: /Procurations données par/ }).textContent(),
    ).toContain('Attend une signature');

    await agent.goto(`${e2e.server.url}/mandates`);
    expect(await agent.getByRole('button', { name: 'Accepter Fiduciaire des Alpes Sàrl' }).count()).toBe(0);

    await secondSignatory.goto(`${e2e.server.url}/mandates`);
    await secondSignatory.getByRole('button', { name: 'Signer aussi Sophie Rochat' }).click();
    await secondSignatory.waitForURL(`${e2e.server.url}/mandates`);
    expect(
      await secondSignatory.getByRole('table', { name: /Procurations données par/ }).textContent(),
    ).toContain('Proposée');
    await expectNoAxeViolations(secondSignatory);

    await agent.goto(`${e2e.server.url}/mandates`);
    await agent.getByRole('button', { name: 'Accepter Fiduciaire des Alpes Sàrl' }).click();
    await agent.waitForURL(`${e2e.server.url}/mandates`);
    expect(
      await agent.getByRole('table', { name: 'Procurations que vous avez reçues' }).textContent(),
    ).toContain('Active');
  });
});
