/**
 * The tax system's seeded taxpayers: the demo's persons by AVS number and companies by UID, each with
 * what they are assessed a year (cantonal and communal tax, federal tax), from which five years of
 * documents and account entries are drawn.
 */
export interface SeedTaxpayer {
  key: string;
  kind: 'person' | 'company';
  name: string;
  language: 'fr' | 'de';
  address: { street: string; postcode: string; town: string };
  /** Yearly tax in centimes, by tax type. */
  yearly: Record<string, number>;
  /** What the taxpayer still owes on the last final assessment, and the reminders sent about it. */
  late?: { cents: number; reminders: number };
}

export const seedTaxpayers: SeedTaxpayer[] = [
  {
    key: '7561234567897',
    kind: 'person',
    name: 'Sophie Rochat',
    language: 'fr',
    address: { street: 'Rue du Grand-Pont 12', postcode: '1950', town: 'Sion' },
    yearly: { cantonal_communal: 845000, federal: 122000 },
    late: { cents: 120000, reminders: 1 },
  },
  {
    key: '7562345678908',
    kind: 'person',
    name: 'Thomas Imboden',
    language: 'de',
    address: { street: 'Bahnhofstrasse 5', postcode: '3900', town: 'Brig' },
    yearly: { cantonal_communal: 1264000, federal: 231500 },
  },
  {
    key: '7563456789019',
    kind: 'person',
    name: 'Marc Darbellay',
    language: 'fr',
    address: { street: 'Avenue de la Gare 8', postcode: '1920', town: 'Martigny' },
    yearly: { cantonal_communal: 1032000, federal: 164000 },
  },
  {
    key: '7564567890120',
    kind: 'person',
    name: 'Claire Fellay',
    language: 'fr',
    address: { street: 'Rue des Alpes 3', postcode: '1920', town: 'Martigny' },
    yearly: { cantonal_communal: 712000, federal: 88000 },
  },
  {
    key: 'CHE123456788',
    kind: 'company',
    name: 'Pharmacie du Rhône SA',
    language: 'fr',
    address: { street: 'Rue du Rhône 21', postcode: '1950', town: 'Sion' },
    yearly: { profit_capital: 1875000, federal: 640000 },
    late: { cents: 450000, reminders: 2 },
  },
  {
    key: 'CHE234567895',
    kind: 'company',
    name: 'Fiduciaire des Alpes Sàrl',
    language: 'fr',
    address: { street: 'Avenue de la Gare 8', postcode: '1920', town: 'Martigny' },
    yearly: { profit_capital: 615000, federal: 212000 },
  },
  {
    key: 'CHE345678915',
    kind: 'company',
    name: 'Imboden Bau AG',
    language: 'de',
    address: { street: 'Furkastrasse 12', postcode: '3900', town: 'Brig' },
    yearly: { profit_capital: 2940000, federal: 1011000 },
  },
];

/** The last tax year: the one whose provisional instalments run now. */
export const currentTaxYear = 2026;
export const firstTaxYear = 2022;
