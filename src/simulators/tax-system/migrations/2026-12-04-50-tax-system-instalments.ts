import { type Kysely, sql } from 'kysely';

/**
 * A final year's instalments are the nine provisional ones paid during that year, all of them: what a
 * late taxpayer still owes is the final invoice's balance, not an instalment. The first seed counted
 * the final invoice as the year's one instalment, and a paid year with a balance left read "0 / 1".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update simulator_tax_accounts set instalments = 9, instalments_paid = 9 where final`.execute(db);
}
