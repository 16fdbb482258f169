import { sql } from 'kysely';
import type { createTestApp } from '../../support/test-app.ts';

type Db = Awaited<ReturnType<typeof createTestApp>>['database']['db'];

/** A taxpayer of the tax system's simulator that the demo seed does not create as a person. */
const taxpayerAvs = '7563456789019';

/**
 * Makes `personId` (citizen A) a taxpayer the tax system knows, by their AVS number, and gives the
 * number of their most recent tax document and of an invoice still open (for its QR-bill).
 */
export async function makeTaxpayer(db: Db, personId: string) {
  await sql`update persons set avs = ${taxpayerAvs} where id = ${personId}`.execute(db);
  const { rows } = await sql<{ id: string }>`
    select id from simulator_tax_documents where taxpayer_key = ${taxpayerAvs}
    order by tax_year desc limit 1`.execute(db);
  const id = rows[0]?.id;
  const { rows: invoices } = await sql<{ number: string }>`
    select invoice_number as number from simulator_tax_accounts
    where taxpayer_key = ${taxpayerAvs} and invoiced_cents > paid_cents limit 1`.execute(db);
  const invoice = invoices[0]?.number;
  if (!id || !invoice) throw new Error('the tax system has no document or open invoice for the matrix');
  return { taxDocument: id, taxInvoice: invoice };
}
