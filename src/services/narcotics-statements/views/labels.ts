import type { Translate } from '../../../platform/i18n/messages.ts';
import type { NarcoticsKey } from '../messages.ts';
import { type Product, products, type RowField } from '../statement-rows.ts';

const productKeys: Record<Product, NarcoticsKey> = {
  methadone: 'productMethadone',
  levomethadone: 'productLevomethadone',
  buprenorphine: 'productBuprenorphine',
  buprenorphineNaloxone: 'productBuprenorphineNaloxone',
  morphineSlowRelease: 'productMorphineSlowRelease',
  diacetylmorphine: 'productDiacetylmorphine',
};

export const productLabel = (t: Translate<NarcoticsKey>, product: string) =>
  (products as readonly string[]).includes(product) ? t(productKeys[product as Product]) : product;

export function columnLabel(t: Translate<NarcoticsKey>, field: RowField): string {
  if (field.startsWith('day')) return t('day', { day: field.slice(3) });
  return t(field as 'patientCode' | 'product' | 'strength' | 'prescriberGln');
}

/** `2026-10` as people say it: "octobre 2026". */
export function monthName(locale: string, month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(`${locale}-CH`, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 2000, (m ?? 1) - 1, 1)),
  );
}

/** The id of a cell of the entry table, which error messages link to. */
export const cellId = (row: number, field: RowField) => `r${row}-${field}`;
