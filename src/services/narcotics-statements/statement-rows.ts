/**
 * One line of a monthly statement: a patient (by pseudonymised code, never a name), the product and
 * its strength, the prescriber (GLN) and the dose dispensed on each day of the month, in mg.
 */
export const products = [
  'methadone',
  'levomethadone',
  'buprenorphine',
  'buprenorphineNaloxone',
  'morphineSlowRelease',
  'diacetylmorphine',
] as const;
export type Product = (typeof products)[number];

/** A line as typed or imported: every cell kept as text, so that a refused line loses nothing. */
export interface RawRow {
  patientCode: string;
  product: string;
  strength: string;
  prescriberGln: string;
  /** One cell per day of the month, from the 1st. */
  doses: string[];
}

/** A line once checked: what the controls and the register read. */
export interface StatementRow {
  patientCode: string;
  product: Product;
  strength: string;
  prescriberGln: string;
  doses: number[];
}

export type RowField = 'patientCode' | 'product' | 'strength' | 'prescriberGln' | `day${number}`;
export type RowProblem =
  | 'patientCodeMissing'
  | 'patientCodeLooksLikeName'
  | 'patientCodeInvalid'
  | 'productUnknown'
  | 'strengthInvalid'
  | 'glnInvalid'
  | 'doseInvalid'
  | 'dayOutsideMonth'
  | 'noDoses'
  | 'duplicateRow';
export interface RowError {
  /** The line's position in the statement, from 0. */
  row: number;
  field: RowField;
  problem: RowProblem;
}

/** What pharmacies write in their spreadsheets today, in the canton's languages, to a product. */
const productNames: Record<string, Product> = {
  methadone: 'methadone',
  methadon: 'methadone',
  levomethadone: 'levomethadone',
  levomethadon: 'levomethadone',
  buprenorphine: 'buprenorphine',
  buprenorphin: 'buprenorphine',
  buprenorphinenaloxone: 'buprenorphineNaloxone',
  buprenorphinnaloxon: 'buprenorphineNaloxone',
  morphineslowrelease: 'morphineSlowRelease',
  morphineretard: 'morphineSlowRelease',
  morphinretard: 'morphineSlowRelease',
  morphineaactionprolongee: 'morphineSlowRelease',
  diacetylmorphine: 'diacetylmorphine',
  diacetylmorphin: 'diacetylmorphine',
  heroin: 'diacetylmorphine',
  heroine: 'diacetylmorphine',
};

export function productOf(typed: string): Product | undefined {
  const key = typed
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  return productNames[key];
}

/**
 * A pseudonymised code as the cantonal pharmacist gives them (`VS-4821K7`): two to four letters or
 * digits, a dash, four to eight more, at least three digits in all. A name has no digits, so it can
 * never pass; one that looks like a name is said to be one, so the pharmacy knows why.
 */
const codePattern = /^[A-Z0-9]{2,4}-[A-Z0-9]{4,8}$/;
export function checkPatientCode(typed: string): { code: string } | { problem: RowProblem } {
  const trimmed = typed.trim();
  if (!trimmed) return { problem: 'patientCodeMissing' };
  if (/\p{L}{2,}[\s,']+\p{L}{2,}/u.test(trimmed) || (/^[\p{L}\s'-]+$/u.test(trimmed) && !/\d/.test(trimmed)))
    return { problem: 'patientCodeLooksLikeName' };
  const code = trimmed.toUpperCase();
  if (!codePattern.test(code) || (code.match(/\d/g) ?? []).length < 3)
    return { problem: 'patientCodeInvalid' };
  return { code };
}

/** A GLN (GS1 Global Location Number) of a Swiss health professional: 13 digits from 7601, check digit. */
export function isGln(value: string): boolean {
  if (!/^7601\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 12).reduce((total, d, i) => total + d * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

/** `10 mg/ml`, `8 mg`, `2,5 mg` … as one spelling. */
export function strengthOf(typed: string): string | undefined {
  const match = /^(\d+(?:[.,]\d+)?)\s*(mg\/ml|mg|µg|mcg|g)$/i.exec(typed.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const unit = match[2].toLowerCase() === 'mcg' ? 'µg' : match[2].toLowerCase();
  return `${match[1].replace(',', '.')} ${unit}`;
}

/** A day's dose in mg: empty is none; a decimal comma is read as Swiss spreadsheets write it. */
export function doseOf(typed: string): number | undefined {
  const text = typed.trim().replace(/'/g, '');
  if (text === '' || text === '-') return 0;
  if (!/^\d+(?:[.,]\d+)?$/.test(text)) return undefined;
  const dose = Number(text.replace(',', '.'));
  return dose <= 10_000 ? dose : undefined;
}

export const daysIn = (month: string) => {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 2000, m ?? 1, 0)).getUTCDate();
};

export const isBlank = (row: RawRow) =>
  !row.patientCode.trim() &&
  !row.product.trim() &&
  !row.strength.trim() &&
  !row.prescriberGln.trim() &&
  row.doses.every((d) => !d.trim());

/**
 * Checks every line of a month's statement, blank lines left out: the lines ready to file, and each
 * problem by line and cell. A statement is filed only when there is no problem.
 */
export function checkRows(month: string, raw: RawRow[]): { rows: StatementRow[]; errors: RowError[] } {
  const days = daysIn(month);
  const rows: StatementRow[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  raw.forEach((line, row) => {
    if (isBlank(line)) return;
    const before = errors.length;
    const problem = (field: RowField, p: RowProblem) => errors.push({ row, field, problem: p });
    const patient = checkPatientCode(line.patientCode);
    if ('problem' in patient) problem('patientCode', patient.problem);
    const product = productOf(line.product);
    if (!product) problem('product', 'productUnknown');
    const strength = strengthOf(line.strength);
    if (!strength) problem('strength', 'strengthInvalid');
    const gln = line.prescriberGln.replace(/\s/g, '');
    if (!isGln(gln)) problem('prescriberGln', 'glnInvalid');
    const doses: number[] = [];
    line.doses.forEach((cell, day) => {
      const dose = doseOf(cell);
      if (day >= days) {
        if (dose !== 0) problem(`day${day + 1}`, 'dayOutsideMonth');
      } else if (dose === undefined) problem(`day${day + 1}`, 'doseInvalid');
      else doses.push(dose);
    });
    while (doses.length < days) doses.push(0);
    if (errors.length === before && doses.every((d) => d === 0)) problem('day1', 'noDoses');
    if ('code' in patient && product) {
      const key = `${patient.code} ${product} ${strength}`;
      if (seen.has(key)) problem('patientCode', 'duplicateRow');
      seen.add(key);
    }
    if (errors.length === before && 'code' in patient && product && strength)
      rows.push({ patientCode: patient.code, product, strength, prescriberGln: gln, doses });
  });
  return { rows, errors };
}

/** A checked line back as cells, for a draft copied from a filed month. */
export const asRaw = (row: StatementRow, days = 31): RawRow => ({
  patientCode: row.patientCode,
  product: row.product,
  strength: row.strength,
  prescriberGln: row.prescriberGln,
  doses: Array.from({ length: days }, (_, i) => (row.doses[i] ? String(row.doses[i]) : '')),
});
