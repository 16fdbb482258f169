import type { Config } from '../../platform/config/config.ts';

/** The tax system could not be asked (not configured, down, or an unexpected answer). */
export class TaxSystemUnavailable extends Error {}

/** One line of the taxpayer's account: a tax period and a tax type, as the tax system keeps it. */
export interface AccountEntry {
  period: number;
  taxType: string;
  final: boolean;
  assessedCents: number | null;
  invoicedCents: number;
  paidCents: number;
  outstandingCents: number;
  instalments: { count: number; paid: number };
  reminders: number;
  dueOn: string;
  invoiceNumber: string;
}

/** The sums the table ends with; an assessment still provisional counts as nothing assessed yet. */
export function totalsOf(entries: AccountEntry[]) {
  return entries.reduce(
    (sum, e) => ({
      assessedCents: sum.assessedCents + (e.assessedCents ?? 0),
      invoicedCents: sum.invoicedCents + e.invoicedCents,
      paidCents: sum.paidCents + e.paidCents,
      outstandingCents: sum.outstandingCents + Math.max(0, e.outstandingCents),
      reminders: sum.reminders + e.reminders,
    }),
    { assessedCents: 0, invoicedCents: 0, paidCents: 0, outstandingCents: 0, reminders: 0 },
  );
}

/** The invoices with something still to pay, the oldest due first. */
export const openInvoices = (entries: AccountEntry[]) =>
  entries.filter((e) => e.outstandingCents > 0).sort((a, b) => a.dueOn.localeCompare(b.dueOn));

/**
 * The tax system's account API, read live on every view (Guichet keeps no copy): the account's
 * entries and an open invoice's QR-bill. An unknown taxpayer has no entries.
 */
export function taxAccountClient(config: Pick<Config, 'taxSystem'>) {
  const call = async (path: string): Promise<Response | undefined> => {
    const { url, token } = config.taxSystem;
    if (!url) throw new TaxSystemUnavailable('TAX_SYSTEM_URL is not set');
    let response: Response;
    try {
      response = await fetch(`${url}/taxpayers/${path}`, {
        headers: { authorization: `Bearer ${token ?? ''}` },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new TaxSystemUnavailable(String(error));
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw new TaxSystemUnavailable(`the tax system answered ${response.status}`);
    return response;
  };
  return {
    async entries(number: string): Promise<AccountEntry[]> {
      const response = await call(`${encodeURIComponent(number)}/account`);
      return response ? ((await response.json()) as { entries: AccountEntry[] }).entries : [];
    },
    async qrBill(number: string, invoice: string): Promise<Buffer | undefined> {
      const response = await call(
        `${encodeURIComponent(number)}/invoices/${encodeURIComponent(invoice)}/qr-bill`,
      );
      return response ? Buffer.from(await response.arrayBuffer()) : undefined;
    },
  };
}
