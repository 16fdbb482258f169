import ExcelJS from 'exceljs';
import { accountHeldBy } from '../../src/modules/accounts/index.ts';
import { findOrganisationByUid } from '../../src/modules/identity/index.ts';
import type { Db } from '../../src/platform/database/database.ts';
import { demoPerson } from './demo-persons.ts';

/** One line of a pharmacy's spreadsheet, as cells. */
export type SheetLine = [
  code: string,
  product: string,
  strength: string,
  gln: string,
  ...doses: (string | number)[],
];

export const planta = { uid: 'CHE526018151', name: 'Pharmacie de la Planta SA' };

/** A line for a patient: methadone 60 mg every day of a 31-day month. */
export const methadoneLine = (code: string, dose = 60): SheetLine => [
  code,
  'Méthadone',
  '10 mg/ml',
  '7601000000002',
  ...Array.from({ length: 31 }, () => dose),
];

/** The pharmacy's spreadsheet as Excel saves it. */
export async function statementXlsx(lines: SheetLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Stupéfiants');
  sheet.addRow([
    'Code patient',
    'Produit',
    'Dosage',
    'GLN prescripteur',
    ...Array.from({ length: 31 }, (_, i) => i + 1),
  ]);
  for (const line of lines) sheet.addRow(line);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function statementCsv(lines: SheetLine[]): Buffer {
  const header = [
    'Code patient',
    'Produit',
    'Dosage',
    'GLN prescripteur',
    ...Array.from({ length: 31 }, (_, i) => i + 1),
  ];
  return Buffer.from(`\ufeff${[header, ...lines].map((l) => l.join(';')).join('\r\n')}\r\n`);
}

/** `count` distinct pseudonymised codes. */
export const patientCodes = (count: number, prefix = 'VS') =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(1000 + i).padStart(4, '0')}T${i % 10}`);

/** The demo's pharmacy: its account, its administrator and its mandated, responsible pharmacist. */
export async function demoPharmacy(db: Db) {
  const organisation = await findOrganisationByUid(db, planta.uid);
  const accountId = organisation && (await accountHeldBy(db, { organisationId: organisation.id }));
  if (!accountId) throw new Error('the demo pharmacy is missing');
  const owner = (await demoPerson(db, 'Hélène Pitteloud')).personId;
  const pharmacist = (await demoPerson(db, 'Julie Crettenand')).personId;
  return { accountId, owner, pharmacist };
}
