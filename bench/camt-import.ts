// camt.054 import of 10,000 credits, each settling its fee, against parsing the same XML alone.
import { sql } from 'kysely';
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import { parseCamt054 } from '../src/modules/payments/camt.ts';
import { importCamt } from '../src/modules/payments/camt-import.ts';
import { qrReference } from '../src/modules/payments/qr-bill-reference.ts';
import type { Db } from '../src/platform/database/database.ts';
import { camt054 } from '../tests/support/camt054.ts';
import { record } from './load.ts';

const entries = 10_000;
const account = 'CH4431999123000889012';

/** 10,000 open fees of one authority with their QR-bills, written in bulk (setup, not measured). */
async function billedFees(db: Db, authorityId: string, run: number): Promise<string[]> {
  const references = Array.from({ length: entries }, (_, i) =>
    qrReference(`${run}${String(i).padStart(6, '0')}`),
  );
  await sql`with fees as (
      insert into payments (authority_id, account_id, purpose, amount_cents, currency, status, source, link)
      select ${authorityId}, gen_random_uuid(), '{"fr":"Émolument"}'::jsonb, 2000, 'CHF', 'open',
        'bench:' || ${run} || ':' || n, '/my'
      from generate_series(0, ${entries - 1}) n
      returning id, source),
    numbered as (select id, split_part(source, ':', 3)::int as n from fees),
    slips as (
      insert into payment_bank_slips (payment_id, authority_id, reference, reference_type, creditor_account, sent_by)
      select id, ${authorityId}, (${references}::text[])[n + 1], 'QRR', ${account}, 'bench' from numbered
      returning payment_id)
    insert into payment_ledger (authority_id, payment_id, kind, amount_cents, currency, event_key)
    select ${authorityId}, payment_id, 'asked', 2000, 'CHF', 'asked:' || payment_id from slips`.execute(db);
  return references;
}

const xmlOf = (references: string[], run: number) =>
  camt054({
    version: '08',
    account,
    messageId: `BENCH-${run}`,
    entries: references.map((reference, i) => ({
      servicerRef: `BENCH-${run}-${i}`,
      amountCents: 2000,
      reference,
      debtor: 'Bench Payer',
    })),
  });

async function seconds(work: () => Promise<unknown> | unknown): Promise<number> {
  const began = performance.now();
  await work();
  return (performance.now() - began) / 1000;
}

export async function benchCamtImport(db: Db): Promise<void> {
  const authority = await getAuthorityBySlug(db, 'sion');
  if (!authority) throw new Error('the demo authorities are missing');
  // Warm up: a small file through both paths.
  const warm = await billedFees(db, authority.id, 9);
  const warmXml = xmlOf(warm.slice(0, 200), 9);
  await parseCamt054(warmXml);
  await importCamt(db, warmXml, { authorityId: authority.id, actor: 'bench' });

  const references = await billedFees(db, authority.id, 1);
  const xml = xmlOf(references, 1);
  const parses: number[] = [];
  for (let i = 0; i < 5; i++) parses.push(await seconds(() => parseCamt054(xml)));
  const parse = parses.sort((a, b) => a - b)[2] ?? Number.NaN;
  let settled = 0;
  const first = await seconds(async () => {
    settled = (await importCamt(db, xml, { authorityId: authority.id, actor: 'bench' })).outcomes.settled;
  });
  const again = await seconds(() => importCamt(db, xml, { authorityId: authority.id, actor: 'bench' }));
  if (settled !== entries) throw new Error(`expected ${entries} fees settled, got ${settled}`);
  record('camt.054 import vs parsing the same XML alone', {
    credits: entries,
    importOverParse: first / parse,
    reimportOverParse: again / parse,
    seconds: { import: first, again, parse },
  });
  process.stdout.write(
    [
      `camt.054 import of ${entries} credits (${(xml.length / 1e6).toFixed(1)} MB), each settling its fee, vs parsing the same XML alone`,
      `  ratio            ${(first / parse).toFixed(1)}  (import time / parse time)`,
      `  re-import ratio  ${(again / parse).toFixed(1)}  (the same file again: every credit already known)`,
      `  seconds          import ${first.toFixed(2)}, again ${again.toFixed(2)}, parse ${parse.toFixed(3)} (this machine, this run only)`,
      '',
    ].join('\n'),
  );
}
