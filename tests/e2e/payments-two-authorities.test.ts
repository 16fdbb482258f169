import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getServiceEntry } from '../../src/modules/catalogue/index.ts';
import { accessibleAtBothWidths, loggedInAs } from '../support/browser.ts';
import { useBrowserAndServer } from '../support/browser-and-server.ts';
import { demoPerson } from '../support/demo-persons.ts';
import { personActor } from '../support/factories.ts';
import { openRequest } from '../support/requests.ts';

const e2e = useBrowserAndServer({ worker: true });

describe('one checkout, each authority its own money', () => {
  it('pays Sion’s dog tax to Sion’s Saferpay merchant and the cantonal fee to the canton’s Datatrans merchant', {
    timeout: 120_000,
  }, async () => {
    const { db } = e2e.server.database;
    const citizen = await loggedInAs(e2e.browser, e2e.server.url, 'Marc Darbellay', { timeout: 15_000 });
    const { personId, accountId } = await demoPerson(db, 'Marc Darbellay');
    // The request itself, as the dog registration form sends it (its pages are tested with the forms).
    const dogs = await getServiceEntry(db, { slug: 'enregistrement-chien-sion' }, 'published');
    const request = await openRequest(
      db,
      personActor({ id: personId, account: { id: accountId, name: 'Marc Darbellay', kind: 'personal' } }),
      dogs?.content.formId ?? '',
      {
        givenNames: 'Marc',
        familyName: 'Darbellay',
        address: { street: 'Rue du Rhône', houseNumber: '12', postcode: '1950', town: 'Sion', country: 'CH' },
        list: [{ name: 'Rex', chip: '756098100123456' }],
        working: false,
        insured: true,
      },
    );

    await citizen.goto(`${e2e.server.url}/requests/${request.id}`);
    await citizen
      .getByRole('link', { name: /^Payer/ })
      .first()
      .click();
    await citizen.getByRole('link', { name: 'Payer les 2 émoluments de cette démarche' }).click();
    await citizen.waitForURL(/\/payments\/checkout\?for=/);
    // Back from each provider (Datatrans adds its transaction id to the address).
    const checkoutFor = new URL(citizen.url()).searchParams.get('for');
    const backToCheckout = (url: URL) =>
      url.pathname === '/payments/checkout' && url.searchParams.get('for') === checkoutFor;
    const main = citizen.getByRole('main');
    expect(await main.textContent()).toContain('0 sur 2 payés');
    const fees = citizen.getByRole('table', { name: 'Payer vos émoluments' });
    expect(await fees.getByRole('row', { name: /Taxe des chiens/ }).textContent()).toContain(
      'Ville de Sion, Service des finances',
    );
    expect(await fees.getByRole('row', { name: /banque de données des chiens/ }).textContent()).toContain(
      'État du Valais',
    );
    await accessibleAtBothWidths(citizen);

    // First Sion, on its provider's page (Saferpay), by TWINT.
    await citizen.getByLabel('TWINT').check();
    await citizen.getByRole('button', { name: /Payer CHF\s100\.00 à Ville de Sion/ }).click();
    await citizen.waitForURL(/\/simulators\/saferpay\/vt\//);
    await citizen.getByRole('button', { name: 'Pay CHF 100.00' }).click();
    await citizen.waitForURL(backToCheckout);
    expect(await main.textContent()).toContain('1 sur 2 payés');
    await accessibleAtBothWidths(citizen);

    // Then the canton, on its provider's page (Datatrans), by card.
    await citizen.getByRole('button', { name: /Payer CHF\s25\.00 à État du Valais/ }).click();
    await citizen.waitForURL(/\/simulators\/datatrans\/pay\/v1\/start\//);
    await citizen.getByRole('button', { name: 'Pay CHF 25.00' }).click();
    await citizen.waitForURL(backToCheckout);
    expect(await main.textContent()).toContain('Tout est payé.');
    await accessibleAtBothWidths(citizen);

    // Each fee went to its own authority's merchant, and the request moves on once both are paid.
    const { rows } = await sql<{ slug: string; provider: string; status: string; transaction: string }>`
      select a.slug, p.provider, p.status, p.provider_transaction_id as transaction
      from payments p join authorities a on a.id = p.authority_id
      where p.source like ${`case:${request.id}:%`} order by a.slug`.execute(db);
    expect(rows.map(({ transaction: _t, ...row }) => row)).toEqual([
      { slug: 'sion', provider: 'saferpay', status: 'paid' },
      { slug: 'valais', provider: 'datatrans', status: 'paid' },
    ]);
    const atSaferpay = await sql<{ customer: string }>`
      select customer_id as customer from simulator_saferpay_pages where token = ${rows[0]?.transaction}`.execute(
      db,
    );
    expect(atSaferpay.rows).toEqual([{ customer: '245678' }]);
    const atDatatrans = await sql<{ merchant: string }>`
      select data->>'merchantId' as merchant from simulator_datatrans_transactions
      where transaction_id = ${rows[1]?.transaction}`.execute(db);
    expect(atDatatrans.rows).toEqual([{ merchant: '1100000000' }]);
    await expect
      .poll(
        async () =>
          (await sql<{ status: string }>`select status from cases where id = ${request.id}`.execute(db))
            .rows[0]?.status,
        { timeout: 15_000 },
      )
      .toBe('submitted');
  });

  it('lets Sion’s administrator see its payment settings, accessible at both widths', {
    timeout: 60_000,
  }, async () => {
    const admin = await loggedInAs(e2e.browser, e2e.server.url, 'Nadia Berclaz', { timeout: 15_000 });
    await admin.goto(`${e2e.server.url}/back-office/authorities/sion/payments`);
    await admin.getByRole('link', { name: 'Réglages des paiements' }).click();
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toContain('Réglages des paiements');
    expect(await admin.getByLabel('QR-IBAN').inputValue()).toBe('CH3930808001234567891');
    await accessibleAtBothWidths(admin);
    await admin.getByLabel('QR-IBAN').fill('CH9300762011623852957');
    await admin.getByRole('button', { name: 'Enregistrer les réglages' }).click();
    expect(await admin.getByRole('alert').textContent()).toContain('Ce n’est pas un QR-IBAN');
    await accessibleAtBothWidths(admin);
  });
});
