import type { Config } from '../../platform/config/config.ts';

/** The tax system could not be asked (not configured, down, or an unexpected answer). */
export class TaxSystemUnavailable extends Error {}

export interface TaxFileDocument {
  id: string;
  taxYear: number;
  kind: 'assessment' | 'invoice' | 'provisional_invoice' | 'certificate';
  title: { fr: string; de: string };
  issuedOn: string;
  amountCents: number;
}

/**
 * The tax system's documents API, read live on every view (Guichet keeps no copy): the taxpayer's
 * documents of some tax years, and one document's PDF. An unknown taxpayer has no documents.
 */
export function taxFileClient(config: Pick<Config, 'taxSystem'>) {
  const call = async (path: string): Promise<Response | undefined> => {
    const { url, token } = config.taxSystem;
    if (!url) throw new TaxSystemUnavailable('TAX_SYSTEM_URL is not set');
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
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
  const taxpayer = (number: string) => `/taxpayers/${encodeURIComponent(number)}`;
  return {
    async documents(number: string, years: { from: number; to?: number }): Promise<TaxFileDocument[]> {
      const query = `fromYear=${years.from}${years.to ? `&toYear=${years.to}` : ''}`;
      const response = await call(`${taxpayer(number)}/documents?${query}`);
      return response ? ((await response.json()) as { documents: TaxFileDocument[] }).documents : [];
    },
    async documentPdf(number: string, id: string): Promise<Buffer | undefined> {
      const response = await call(`${taxpayer(number)}/documents/${encodeURIComponent(id)}`);
      return response ? Buffer.from(await response.arrayBuffer()) : undefined;
    },
  };
}

/** The last two tax years: the current one (provisional) and the one before (assessed). */
export const recentYears = (now: Date) => ({ from: now.getFullYear() - 1, to: now.getFullYear() });
