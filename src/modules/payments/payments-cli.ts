import { readFile } from 'node:fs/promises';
import type { Db } from '../../platform/database/database.ts';
import { toIsoDate } from '../../platform/i18n/swiss-date.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { importCamt } from './camt-import.ts';
import { dailyStatement, statementJson } from './ledger-statement.ts';
import { statementCsvText } from './ledger-statement-csv.ts';

export const paymentsUsage = `  payments import-camt FILE [--authority SLUG]
                     import a camt.054 bank notification: credits with a QR-bill's reference settle their fee
                     (once); without --authority, each credit goes to the authority of its reference or account
  payments statement --authority SLUG --date DD.MM.YYYY [--format csv|json]
                     an authority's daily statement from the ledger (docs/payments-statement.md)`;

async function authorityOf(db: Db, slug: string | undefined) {
  if (!slug) return undefined;
  const authority = await getAuthorityBySlug(db, slug);
  if (!authority) throw new Error(`No authority "${slug}"`);
  return authority;
}

/** `guichet payments …`: what it writes to standard output, or throws with the usage. */
export async function paymentsCommand(
  db: Db,
  args: { sub?: string; file?: string; authority?: string; date?: string; format?: string },
): Promise<string> {
  if (args.sub === 'import-camt' && args.file) {
    const authority = await authorityOf(db, args.authority);
    const summary = await importCamt(db, await readFile(args.file, 'utf8'), {
      ...(authority && { authorityId: authority.id }),
      actor: 'cli',
    });
    return `${JSON.stringify(summary, null, 2)}\n`;
  }
  if (args.sub === 'statement' && args.authority && args.date) {
    const authority = await authorityOf(db, args.authority);
    const date = toIsoDate(args.date);
    if (!authority || !date) throw new Error(`Not a day: "${args.date}" (write 01.12.2026 or 2026-12-01)`);
    const statement = await dailyStatement(db, authority.id, date);
    if (args.format === 'csv') return statementCsvText(statement, authority.languages[0] ?? 'fr');
    if (args.format && args.format !== 'json') throw new Error('--format is csv or json');
    return `${JSON.stringify(statementJson(statement, authority), null, 2)}\n`;
  }
  throw new Error(`usage:\n${paymentsUsage}`);
}
