import { type Kysely, sql } from 'kysely';
import { currentTaxYear, firstTaxYear, seedTaxpayers } from '../seed-data.ts';

const types = { person: 'cantonal_communal', company: 'profit_capital' } as const;
const referenceOf = (index: number, year: number, type: number) =>
  `${String(index + 1).padStart(6, '0')}${year}${type}`;

/**
 * The cantonal tax system's own data (a simulator): taxpayers, their documents of five tax years
 * (assessments, invoices, certificates; the PDFs are drawn when asked), their account per period and
 * tax type, the older-documents requests it received, and its connection to Guichet's API.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table simulator_tax_settings (
    id integer primary key check (id = 1),
    api_key text not null,
    form_id uuid not null,
    guichet_url text,
    endpoint_id text,
    webhook_secret text
  )`.execute(db);
  await sql`create table simulator_tax_taxpayers (
    key text primary key,
    kind text not null check (kind in ('person', 'company')),
    name text not null,
    language text not null,
    street text not null,
    postcode text not null,
    town text not null
  )`.execute(db);
  await sql`create table simulator_tax_documents (
    id text primary key,
    taxpayer_key text not null references simulator_tax_taxpayers (key),
    tax_year integer not null,
    kind text not null check (kind in ('assessment', 'invoice', 'provisional_invoice', 'certificate')),
    issued_on text not null,
    amount_cents integer not null
  )`.execute(db);
  await sql`create table simulator_tax_accounts (
    taxpayer_key text not null references simulator_tax_taxpayers (key),
    period integer not null,
    tax_type text not null,
    final boolean not null,
    assessed_cents integer,
    invoiced_cents integer not null,
    paid_cents integer not null,
    instalments integer not null,
    instalments_paid integer not null,
    reminders integer not null,
    due_on text not null,
    invoice_number text not null unique,
    qr_reference text not null,
    primary key (taxpayer_key, period, tax_type)
  )`.execute(db);
  await sql`create table simulator_tax_older_requests (
    request_id uuid primary key,
    taxpayer_key text not null,
    years integer[] not null,
    received_at timestamptz not null default now(),
    publish_after timestamptz not null,
    published_at timestamptz
  )`.execute(db);
  for (const [index, t] of seedTaxpayers.entries()) {
    await sql`insert into simulator_tax_taxpayers values
      (${t.key}, ${t.kind}, ${t.name}, ${t.language}, ${t.address.street}, ${t.address.postcode}, ${t.address.town})`.execute(
      db,
    );
    const total = Object.values(t.yearly).reduce((a, b) => a + b, 0);
    for (let year = firstTaxYear; year <= currentTaxYear; year++) {
      const id = (kind: string) => `${t.key}-${year}-${kind}`;
      const docs: [string, string, string, number][] =
        year === currentTaxYear
          ? [[id('p'), 'provisional_invoice', `${year}-02-28`, total]]
          : [
              [id('a'), 'assessment', `${year + 1}-09-15`, total],
              [id('i'), 'invoice', `${year + 1}-09-20`, total],
              [id('c'), 'certificate', `${year + 1}-01-31`, total],
            ];
      for (const [docId, kind, issuedOn, amount] of docs)
        await sql`insert into simulator_tax_documents values (${docId}, ${t.key}, ${year}, ${kind}, ${issuedOn}, ${amount})`.execute(
          db,
        );
      if (year < currentTaxYear - 2) continue;
      for (const [typeIndex, [type, cents]] of Object.entries(t.yearly).entries()) {
        const final = year < currentTaxYear;
        const lastFinal = year === currentTaxYear - 1;
        const late = lastFinal && type === types[t.kind] ? t.late : undefined;
        // The current year runs on nine provisional instalments, eight of them due by now.
        const paid = final ? cents - (late?.cents ?? 0) : Math.round((cents * 8) / 9);
        await sql`insert into simulator_tax_accounts values (
          ${t.key}, ${year}, ${type}, ${final}, ${final ? cents : null}, ${cents}, ${paid},
          ${final ? 1 : 9}, ${final ? (paid === cents ? 1 : 0) : 8}, ${late?.reminders ?? 0},
          ${final ? `${year + 1}-10-20` : `${year}-12-31`},
          ${`SCC-${year}-${String(index + 1).padStart(4, '0')}-${typeIndex + 1}`},
          ${qrReference(referenceOf(index, year, typeIndex + 1))}
        )`.execute(db);
      }
    }
  }
}

const modulo10Table = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];
/** A QR reference (27 digits, recursive modulo-10 check digit), as the tax system's bank expects. */
function qrReference(payload: string): string {
  const body = payload.padStart(26, '0');
  let carry = 0;
  for (const digit of body) carry = modulo10Table[(carry + Number(digit)) % 10] as number;
  return `${body}${(10 - carry) % 10}`;
}
