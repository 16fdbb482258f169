import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackCorpus } from '../../../tests/support/attack-corpus.ts';
import { createCitizen, personActor, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import {
  demoPharmacy,
  methadoneLine,
  patientCodes,
  planta,
  statementCsv,
  statementXlsx,
} from '../../../tests/support/narcotics.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { getAuthorityBySlug } from '../../modules/authorities/index.ts';
import type { Actor, ApiClientActor, PersonActor } from '../../platform/http/access.ts';
import { remindMissing } from './reminders.ts';
import { statementFor } from './statements.ts';

let app: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let julie: PersonActor;
let helene: PersonActor;
let ssp = '';
let sion = '';

beforeAll(async () => {
  app = await createTestApp({ actor: () => actor });
  const { db } = app.database;
  const pharmacy = await demoPharmacy(db);
  const account = { id: pharmacy.accountId, name: planta.name, kind: 'professional' as const };
  const mandate = await sql<{
    id: string;
  }>`select id from mandates where agent_person_id = ${pharmacy.pharmacist}`.execute(db);
  julie = personActor({
    id: pharmacy.pharmacist,
    displayName: 'Julie Crettenand',
    account,
    mandate: { id: mandate.rows[0]?.id ?? '', themes: ['narcotics'] },
  });
  helene = personActor({ id: pharmacy.owner, displayName: 'Hélène Pitteloud', account });
  ssp = (await getAuthorityBySlug(db, 'ssp'))?.id ?? '';
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
});
afterAll(() => app?.close());

const file = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name);
const apiClient = (authorityId: string, scopes: string[]): ApiClientActor => ({
  kind: 'apiClient',
  id: `test-${authorityId}`,
  authorityId,
  scopes,
});
const callApi = (method: 'GET' | 'POST', path: string, body?: unknown) =>
  app.app.request(path, {
    method,
    headers: {
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...(method === 'POST' && { 'Idempotency-Key': `test-${crypto.randomUUID()}` }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

describe('a pharmacy files its month', () => {
  it('imports its spreadsheet, sees the bad line with its problem and nothing lost, fixes it and files', async () => {
    actor = julie;
    const client = httpClient(app.app);
    const overview = await (await client.get('/narcotics')).text();
    expect(overview).toContain('Pharmacie de la Planta SA');
    expect(overview).toContain('Les états sont validés par Julie Crettenand');

    await client.get('/narcotics/2026-10');
    const csv = statementCsv([methadoneLine('VS-4821K7'), methadoneLine('Marie Favre', 80)]);
    const imported = await client.post('/narcotics/2026-10/import', {
      spreadsheet: file(csv, 'octobre.csv'),
    });
    expect(imported.status).toBe(303);
    expect(imported.headers.get('Location')).toBe('/narcotics/2026-10?imported=2');
    const page = await (await client.get('/narcotics/2026-10?imported=2')).text();
    expect(page).toContain('2 lignes importées');
    expect(page).toContain('Ligne 2, Code patient : ceci ressemble à un nom');
    expect(page).toContain('value="Marie Favre"'); // kept as typed, to be corrected
    const stored = await statementFor(app.database.db, ssp, planta.uid, '2026-10');
    expect(stored?.status).toBe('draft');
    expect(stored?.rows).toHaveLength(2);

    // Filing refuses while a line is wrong, keeping everything.
    const fields = (code: string) => ({
      count: '2',
      'r0.patientCode': 'VS-4821K7',
      'r0.product': 'methadone',
      'r0.strength': '10 mg/ml',
      'r0.prescriberGln': '7601000000002',
      'r0.day1': '60',
      'r1.patientCode': code,
      'r1.product': 'buprenorphine',
      'r1.strength': '8 mg',
      'r1.prescriberGln': '7601000000002',
      'r1.day1': '8',
      'r1.day2': '16',
    });
    const refused = await client.post('/narcotics/2026-10', { ...fields('Marie Favre'), action: 'file' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('ceci ressemble à un nom');
    const filed = await client.post('/narcotics/2026-10', { ...fields('VS-7300M2'), action: 'file' });
    expect(filed.headers.get('Location')).toBe('/narcotics/2026-10?filed=1');
    const done = await statementFor(app.database.db, ssp, planta.uid, '2026-10');
    expect(done).toMatchObject({ status: 'filed', signedOffName: 'Julie Crettenand' });
    expect(done?.rows.map((r) => r.patientCode)).toEqual(['VS-4821K7', 'VS-7300M2']);
    const { rows } = await sql<{ type: string }>`select j.payload->>'type' as type
      from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
      where t.identifier = 'integration:publish-event'`.execute(app.database.db);
    expect(rows.map((r) => r.type)).toContain('narcotics.statement_filed');

    // Filed is filed: changing it again is refused.
    const again = await client.post('/narcotics/2026-10', { ...fields('VS-7300M2'), action: 'save' });
    expect(again.status).toBe(409);
  });

  it('waits for the responsible pharmacist when someone else files, who then signs it off', async () => {
    actor = helene;
    const client = httpClient(app.app);
    await client.get('/narcotics/2026-09');
    const response = await client.post('/narcotics/2026-09/import', {
      spreadsheet: file(await statementXlsx([methadoneLine('VS-5555P5')]), 'septembre.xlsx'),
    });
    expect(response.status).toBe(303);
    const page = await (await client.get('/narcotics/2026-09')).text();
    expect(page).toContain('Transmettre au pharmacien responsable');
    const rows = {
      count: '1',
      'r0.patientCode': 'VS-5555P5',
      'r0.product': 'methadone',
      'r0.strength': '10 mg/ml',
      'r0.prescriberGln': '7601000000002',
      'r0.day1': '60',
    };
    await client.post('/narcotics/2026-09', { ...rows, action: 'file' });
    expect((await statementFor(app.database.db, ssp, planta.uid, '2026-09'))?.status).toBe('awaitingSignOff');

    actor = julie;
    const pharmacist = httpClient(app.app);
    expect(await (await pharmacist.get('/narcotics/2026-09')).text()).toContain('Valider et déposer l’état');
    await pharmacist.post('/narcotics/2026-09', { ...rows, action: 'file' });
    expect((await statementFor(app.database.db, ssp, planta.uid, '2026-09'))?.status).toBe('filed');
  });

  it('copies the patients of the month before, without their doses', async () => {
    actor = julie;
    const client = httpClient(app.app);
    await client.get('/narcotics/2026-11');
    const copied = await client.post('/narcotics/2026-11', { count: '0', action: 'copy' });
    expect(copied.headers.get('Location')).toBe('/narcotics/2026-11?copied=2');
    const draft = await statementFor(app.database.db, ssp, planta.uid, '2026-11');
    expect(draft?.rows.map((r) => [r.patientCode, r.doses.join('')])).toEqual([
      ['VS-4821K7', ''],
      ['VS-7300M2', ''],
    ]);
  });

  it('refuses a spreadsheet that is not one, and a month to come', async () => {
    actor = julie;
    const client = httpClient(app.app);
    await client.get('/narcotics/2026-11');
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const refused = await client.post('/narcotics/2026-11/import', { spreadsheet: file(pdf, 'etat.xlsx') });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Types acceptés : XLSX, CSV');
    expect((await client.get('/narcotics/2099-01')).status).toBe(404);
  });

  it('is not for a person outside the pharmacy', async () => {
    const citizen = await createCitizen(app.database.db, { givenNames: 'Paul', familyName: 'Roux' });
    actor = { ...citizen, account: julie.account };
    const client = httpClient(app.app);
    expect((await client.get('/narcotics/2026-10')).status).toBe(404);
    actor = citizen;
    expect(await (await client.get('/narcotics')).text()).toContain('passez à son compte professionnel');
  });
});

describe('the cantonal pharmacist', () => {
  it('sees a patient code shared by two pharmacies, dose jumps and totals, and exports them', async () => {
    actor = apiClient(ssp, ['narcotics:write']);
    const recorded = await callApi('POST', '/api/v1/narcotics-statements', {
      month: '2026-10',
      pharmacy: { uid: 'CHE908301668', name: 'Pharmacie Centrale Martigny' },
      lines: [
        {
          patientCode: 'VS-7300M2',
          product: 'buprenorphine',
          strength: '8 mg',
          prescriberGln: '7601000000002',
          doses: [8, 8, 20],
        },
      ],
    });
    expect(recorded.status).toBe(201);
    expect(await recorded.json()).toMatchObject({ created: true });

    actor = staffActor(ssp);
    const staff = httpClient(app.app);
    const page = await (await staff.get('/back-office/authorities/ssp/narcotics?month=2026-10')).text();
    expect(page).toContain('Patients servis par deux pharmacies le même mois');
    expect(page).toMatch(
      /VS-7300M2[\s\S]*Pharmacie (de la Planta SA, Pharmacie Centrale Martigny|Centrale Martigny, Pharmacie de la Planta SA)/,
    );
    expect(page).toContain('Sauts de dose de plus de 50 %');
    const alerts = await (
      await staff.get('/back-office/authorities/ssp/narcotics/alerts.csv?month=2026-10')
    ).text();
    expect(alerts).toContain('"Deux pharmacies";"2026-10";"VS-7300M2"');
    expect(alerts).toContain('"Saut de dose";"2026-10";"VS-7300M2"'); // 8 → 20 mg on the 3rd
    const totals = await (
      await staff.get('/back-office/authorities/ssp/narcotics/totals.csv?month=2026-10')
    ).text();
    expect(totals).toContain('"2026-10";"Buprénorphine";"60";"1"');

    const wrong = await staff.post('/back-office/authorities/ssp/narcotics/settings', {
      doseJumpPercent: 'beaucoup',
      deadlineDay: '31',
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('Indiquez un jour entre 1 et 28');
    await staff.post('/back-office/authorities/ssp/narcotics/settings?month=2026-10', {
      doseJumpPercent: '200',
      deadlineDay: '10',
    });
    const calmer = await (await staff.get('/back-office/authorities/ssp/narcotics?month=2026-10')).text();
    expect(calmer).toContain('Aucun saut de dose.');
  });

  it('is not shown to another authority’s staff', async () => {
    actor = staffActor(sion);
    expect((await httpClient(app.app).get('/back-office/authorities/ssp/narcotics')).status).toBe(404);
    actor = staffActor(sion);
    expect((await httpClient(app.app).get('/back-office/authorities/sion/narcotics')).status).toBe(404);
  });

  it('reminds a pharmacy whose month is missing after the deadline, once', async () => {
    const { db } = app.database;
    // Planta filed October; a month it has not filed yet: December, due on 10 January.
    const missingAfter = new Date('2027-02-15T08:00:00Z');
    actor = apiClient(ssp, ['narcotics:write']);
    await callApi('POST', '/api/v1/narcotics-statements', {
      month: '2026-12',
      pharmacy: planta,
      lines: [
        {
          patientCode: 'VS-4821K7',
          product: 'methadone',
          strength: '10 mg/ml',
          prescriberGln: '7601000000002',
          doses: [60],
        },
      ],
    });
    expect(await remindMissing(db, ssp, missingAfter)).toBe(1);
    expect(await remindMissing(db, ssp, missingAfter)).toBe(0);
    const told = await sql<{ person_id: string; event: string; link: string }>`
      select person_id, event, link from notifications where source = ${`narcotics:${planta.uid}:2027-01`}`.execute(
      db,
    );
    // The pharmacy's own people and the pharmacist it mandated to file.
    expect(told.rows.map((r) => r.person_id).sort()).toEqual([helene.id, julie.id].sort());
    expect(told.rows[0]).toMatchObject({ event: 'statementDue', link: '/narcotics/2027-01' });
  });
});

describe('the register’s API', () => {
  it('reads a filed statement of its own authority only, and keeps a month filed in the portal', async () => {
    const filed = await statementFor(app.database.db, ssp, planta.uid, '2026-10');
    actor = apiClient(ssp, ['narcotics:read', 'narcotics:write']);
    const read = await callApi('GET', `/api/v1/narcotics-statements/${filed?.id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      month: '2026-10',
      pharmacy: planta,
      source: 'portal',
      signedOffBy: 'Julie Crettenand',
      lines: [{ patientCode: 'VS-4821K7' }, { patientCode: 'VS-7300M2' }],
    });
    const again = await callApi('POST', '/api/v1/narcotics-statements', {
      month: '2026-10',
      pharmacy: planta,
      lines: [],
    });
    expect(await again.json()).toMatchObject({ id: filed?.id, created: false });
    const invalid = await callApi('POST', '/api/v1/narcotics-statements', {
      month: '2026-08',
      pharmacy: planta,
      lines: [
        {
          patientCode: 'Jean Dupont',
          product: 'methadone',
          strength: '10 mg/ml',
          prescriberGln: '7601000000002',
          doses: [60],
        },
      ],
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      errors: [{ row: 0, field: 'patientCode', problem: 'patientCodeLooksLikeName' }],
    });

    actor = apiClient(sion, ['narcotics:read']);
    expect((await callApi('GET', `/api/v1/narcotics-statements/${filed?.id}`)).status).toBe(404);
    actor = apiClient(ssp, ['requests:read']);
    expect((await callApi('GET', `/api/v1/narcotics-statements/${filed?.id}`)).status).toBe(403);
  });

  it('takes a month handed in from the receiving authority’s application only', async () => {
    actor = apiClient(sion, ['narcotics:read', 'narcotics:write']);
    const handedIn = await callApi('POST', '/api/v1/narcotics-statements', {
      month: '2025-09',
      pharmacy: planta,
      lines: [],
    });
    expect(handedIn.status).toBe(404);
    expect(await statementFor(app.database.db, sion, planta.uid, '2025-09')).toBeUndefined();
  });
});

describe('a 400-patient statement', () => {
  it('imports from xlsx and files', { timeout: 60_000 }, async () => {
    actor = julie;
    const client = httpClient(app.app);
    await client.get('/narcotics/2026-08');
    const lines = patientCodes(400).map((code) => methadoneLine(code));
    const response = await client.post('/narcotics/2026-08/import', {
      spreadsheet: file(await statementXlsx(lines), 'aout.xlsx'),
    });
    expect(response.headers.get('Location')).toBe('/narcotics/2026-08?imported=400');
    const page = await (await client.get('/narcotics/2026-08')).text();
    expect(page).not.toContain('problème');
    const form = Object.fromEntries(
      [...page.matchAll(/name="(r\d+\.[A-Za-z0-9]+|count)" value="([^"]*)"/g)].map((m) => [
        m[1] ?? '',
        m[2] ?? '',
      ]),
    );
    const products = Object.fromEntries(
      [...page.matchAll(/name="(r\d+\.product)"[^>]*>[\s\S]*?<option value="([^"]+)" selected/g)].map((m) => [
        m[1] ?? '',
        m[2] ?? '',
      ]),
    );
    const filed = await client.post('/narcotics/2026-08', { ...form, ...products, action: 'file' });
    expect(filed.headers.get('Location')).toBe('/narcotics/2026-08?filed=1');
    expect((await statementFor(app.database.db, ssp, planta.uid, '2026-08'))?.rows).toHaveLength(400);
  });
});

describe('the upload attack corpus through the spreadsheet import', async () => {
  const attacks = await attackCorpus();
  const statements = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from narcotics_statements`.execute(app.database.db))
      .rows[0]?.n;

  it.each(attacks)('refuses $label with a message on the page, and keeps nothing', async (attack) => {
    actor = julie;
    const client = httpClient(app.app);
    await client.get('/narcotics/2026-06');
    const before = [await statements(), await statementFor(app.database.db, ssp, planta.uid, '2026-06')];
    const refused = await client.post('/narcotics/2026-06/import', {
      spreadsheet: file(attack.bytes, attack.name),
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/role="alert"|class="error/);
    expect([await statements(), await statementFor(app.database.db, ssp, planta.uid, '2026-06')]).toEqual(
      before,
    );
  });
});
