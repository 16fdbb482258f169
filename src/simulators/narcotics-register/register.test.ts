import type { Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planta } from '../../../tests/support/narcotics.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { startTestWorker } from '../../../tests/support/test-app.ts';
import { getAuthorityBySlug } from '../../modules/authorities/index.ts';
import { dashboardOf, filedStatements } from '../../services/narcotics-statements/dashboard.ts';
import { connectNarcoticsRegister } from './index.ts';
import { webhookPath } from './register.ts';
import { patientCount, registerMonths, registerPharmacies, registerStatements } from './register-data.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;

beforeAll(async () => {
  server = await serveTestApp();
  worker = await startTestWorker(server);
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
});

describe('the narcotics register simulator', () => {
  it('has about 380 patients across the canton, each line as the portal would accept it', () => {
    const statements = registerStatements();
    const codes = new Set(statements.flatMap((s) => s.lines.map((l) => l.patientCode)));
    expect(codes.size).toBe(patientCount);
    expect(statements).toHaveLength(registerPharmacies.length * registerMonths.length - 1);
  });

  it('hands in its earlier months through the API once, which Guichet’s controls then see', {
    timeout: 60_000,
  }, async () => {
    const { db } = server.database;
    expect(await connectNarcoticsRegister(db, server.url)).toBe(true);
    expect(await connectNarcoticsRegister(db, server.url)).toBe(true); // again: nothing twice
    const ssp = (await getAuthorityBySlug(db, 'ssp'))?.id ?? '';
    const known = await filedStatements(db, ssp, registerMonths);
    expect(known).toHaveLength(registerStatements().length);
    const october = await dashboardOf(db, ssp, '2026-11-30', '2026-10');
    expect(october.missing.map((m) => m.pharmacyUid)).toEqual([planta.uid]);
    expect(october.jumps.length).toBeGreaterThan(0);
    const september = await dashboardOf(db, ssp, '2026-11-30', '2026-09');
    expect(september.shared.length).toBeGreaterThan(0);
  });

  it('refuses a delivery it cannot verify', async () => {
    const response = await fetch(`${server.url}${webhookPath}`, {
      method: 'POST',
      headers: {
        'webhook-id': 'msg_1',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      body: JSON.stringify({
        type: 'narcotics.statement_filed',
        data: { statement: { id: crypto.randomUUID() } },
      }),
    });
    expect(response.status).toBe(401);
  });
});
