import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, personActor } from '../../../tests/support/factories.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { ensurePersonalAccount, openProfessionalAccount } from '../../modules/accounts/accounts.ts';
import { listAccess } from '../../modules/accounts/index.ts';
import { getServiceEntry } from '../../modules/catalogue/index.ts';
import { createPersonWithLink, upsertOrganisation } from '../../modules/identity/index.ts';
import type { MandateTheme } from '../../modules/mandates/index.ts';
import { acceptMandate, proposeMandate } from '../../modules/mandates/index.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { registerCompanies } from '../../simulators/commercial-register/register-data.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let actor: PersonActor;
let sophie: PersonActor;

beforeAll(async () => {
  server = await serveTestApp({ actor: () => actor });
  const { db } = server.database;
  const { person } = await createPersonWithLink(
    db,
    { givenNames: 'Sophie', familyName: 'Rochat', avs: '7561234567897', dateOfBirth: '1984-03-12' },
    { provider: 'test', subject: 'tax-sophie', level: 'high' },
  );
  const accountId = await ensurePersonalAccount(db, person.id, 'Sophie Rochat');
  sophie = personActor({
    id: person.id,
    displayName: 'Sophie Rochat',
    account: { id: accountId, name: 'Sophie Rochat', kind: 'personal' },
  });
}, 60_000);
afterAll(() => server?.close());

const get = (path: string) => fetch(`${server.url}${path}`);

/** The tax system's number of a taxpayer's document (opaque: it says nothing of the taxpayer). */
async function documentPath(avs: string, year: number, kind: 'a' | 'i') {
  const { rows } = await server.database.pool.query<{ id: string }>(
    'select id from simulator_tax_documents where taxpayer_key = $1 and tax_year = $2 and kind = $3',
    [avs, year, kind === 'a' ? 'assessment' : 'invoice'],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error(`no ${kind} of ${year}`);
  expect(id).not.toContain(avs);
  return `/tax/documents/${id}`;
}

/** Claire Fellay of the Fiduciaire des Alpes, acting for Sophie Rochat under a mandate on these themes. */
async function fiduciaryWith(themes: MandateTheme[]): Promise<PersonActor> {
  const { db } = server.database;
  const agent = await createCitizen(db, { givenNames: 'Claire', familyName: 'Fellay' });
  const mandate = await proposeMandate(db, sophie.id, 'holder', {
    principalAccountId: sophie.account.id,
    agent: { personId: agent.id },
    themes,
    permissions: ['consult', 'submit', 'receive'],
    validFrom: '2020-01-01',
  });
  await acceptMandate(db, agent.id, mandate.id);
  return { ...agent, account: sophie.account, mandate: { id: mandate.id, themes } };
}

describe('the tax file, read live from the tax system', () => {
  it('shows the taxpayer the documents of the last two tax years, and hands each one out', async () => {
    actor = sophie;
    const page = await get('/tax/documents');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Décision de taxation 2025');
    expect(html).toContain('Bordereau provisoire 2026 (acomptes)');
    expect(html).not.toContain('Décision de taxation 2024');
    // Addresses end up in logs: no AVS number in them.
    expect(html).not.toMatch(/href="[^"]*7561234567897/);
    // Older ones are asked through the service's form.
    const formId = (
      await getServiceEntry(server.database.db, { slug: 'documents-dossier-fiscal' }, 'published')
    )?.content.formId;
    expect(html).toContain(`/forms/${formId}/start`);
    const download = await get(await documentPath('7561234567897', 2025, 'a'));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // Another taxpayer's document is not this one's to download.
    expect((await get(await documentPath('7562345678908', 2025, 'a'))).status).toBe(404);
    // An older one is asked for through the form, not handed out here.
    expect((await get(await documentPath('7561234567897', 2024, 'a'))).status).toBe(404);
    const log = await listAccess(server.database.db, sophie.account.id);
    expect(log.slice(0, 2).map((e) => [e.action, e.via])).toEqual([
      ['taxFile.download', 'holder'],
      ['taxFile.view', 'holder'],
    ]);
  });

  it('shows a fiduciary with a tax mandate the same, each look in the client’s access log', async () => {
    actor = await fiduciaryWith(['tax']);
    expect(await (await get('/tax/documents')).text()).toContain('Décision de taxation 2025');
    expect((await get(await documentPath('7561234567897', 2025, 'i'))).status).toBe(200);
    const log = await listAccess(server.database.db, sophie.account.id, { mandateId: actor.mandate?.id });
    expect(log.map((e) => [e.action, e.personName, e.via])).toEqual([
      ['taxFile.download', 'Claire Fellay', 'mandate'],
      ['taxFile.view', 'Claire Fellay', 'mandate'],
    ]);
  });

  it('gives a fiduciary without a tax mandate nothing about the client, not even a count', async () => {
    actor = await fiduciaryWith(['debtCollection']);
    for (const path of ['/tax/documents', await documentPath('7561234567897', 2025, 'a'), '/tax/situation']) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      const main = (await answer.text()).split('<main')[1]?.split('</main>')[0] ?? '';
      expect(main).not.toMatch(/2025|taxation|Bordereau|CHF|Impôt/);
    }
    expect((await get('/tax/situation/invoices/SCC-2025-0001-1/qr-bill')).status).toBe(404);
    expect(await listAccess(server.database.db, sophie.account.id, { mandateId: actor.mandate?.id })).toEqual(
      [],
    );
    // Not even the way in, on "my space".
    expect(await (await get('/my')).text()).not.toContain('/tax/documents');
  });

  it('says the tax system is not answering rather than showing an empty file', async () => {
    actor = sophie;
    const { taxSystem } = server.platform.config;
    const url = taxSystem.url;
    taxSystem.url = 'http://127.0.0.1:9';
    try {
      const page = await get('/tax/documents');
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('Le système fiscal ne répond pas');
    } finally {
      taxSystem.url = url;
    }
  });
});

describe('the tax situation', () => {
  it('tabulates the person’s account per period and tax type with totals and open invoices as QR-bills', async () => {
    actor = sophie;
    const page = await get('/tax/situation');
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of ['Impôt cantonal et communal', 'Impôt fédéral direct', 'provisoire', 'Total'])
      expect(html).toContain(text);
    // 2025's cantonal tax: CHF 8'450.00 assessed, CHF 1'200.00 still open after a reminder.
    expect(html).toContain('SCC-2025-0001-1');
    // Each year ran on nine provisional instalments: a final year paid them all, whatever its balance.
    const instalments = [...html.matchAll(/<td[^>]*>(\d+ \/ \d+)<\/td>/g)].map((m) => m[1]);
    expect(instalments).toEqual(['8 / 9', '8 / 9', '9 / 9', '9 / 9', '9 / 9', '9 / 9']);
    const bill = await get('/tax/situation/invoices/SCC-2025-0001-1/qr-bill');
    expect(bill.status).toBe(200);
    expect(bill.headers.get('content-type')).toBe('application/pdf');
    // A paid invoice has no QR-bill.
    expect((await get('/tax/situation/invoices/SCC-2024-0001-1/qr-bill')).status).toBe(404);
    const log = await listAccess(server.database.db, sophie.account.id);
    expect(log.slice(0, 2).map((e) => e.action)).toEqual(['taxAccount.qrBill', 'taxAccount.view']);
  });

  it('tabulates an organisation’s profit and capital tax for its signatory', async () => {
    const company = registerCompanies.find((c) => c.uid === 'CHE123456788');
    if (!company) throw new Error('no company');
    const organisation = await upsertOrganisation(server.database.db, company);
    const accountId = await openProfessionalAccount(server.database.db, sophie.id, organisation);
    actor = { ...sophie, account: { id: accountId, name: company.name, kind: 'professional' } };
    const html = await (await get('/tax/situation')).text();
    expect(html).toContain('Impôt sur le bénéfice et le capital');
    expect(html).toContain('Pharmacie du Rhône SA');
    expect(html).not.toContain('Impôt cantonal et communal');
  });
});
