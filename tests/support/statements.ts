import pg from 'pg';

/** A statement as the database received it: its text and the values bound to it. */
export interface SentQuery {
  text: string;
  values: unknown[];
}

/**
 * The SQL statements the database receives while `work` runs, on every client of the process (as the
 * bench counts them), whether sent as text or as a (prepared) query config, with their values.
 */
export async function queriesSentDuring(work: () => Promise<unknown>): Promise<SentQuery[]> {
  const seen: SentQuery[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; values?: unknown[] };
    if (typeof first === 'string')
      seen.push({ text: first, values: (args[1] as unknown[] | undefined) ?? [] });
    else seen.push({ text: String(first?.text), values: first?.values ?? [] });
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return seen;
}

/** The statements' texts alone: what a test pins to keep a page or a write at its number of round trips. */
export async function statementsSentDuring(work: () => Promise<unknown>): Promise<string[]> {
  return (await queriesSentDuring(work)).map((q) => q.text);
}
