import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { RawRow } from './statement-rows.ts';

/**
 * The spreadsheet pharmacies keep today: a header line, then one line per patient and product with
 * the code, product, strength, prescriber's GLN and a column per day (1 to 31). Read by position, so
 * that a header in German or with the pharmacy's own wording still imports.
 */
export const templateHeader = [
  'Code patient / Patientencode',
  'Produit / Produkt',
  'Dosage / Stärke',
  'GLN prescripteur / GLN verschreibende Person',
  ...Array.from({ length: 31 }, (_, i) => String(i + 1)),
];

/** More lines than the canton has patients: a bigger file is a mistake, not a statement. */
export const maxLines = 2000;

export class UnreadableSpreadsheet extends Error {}

const rowOf = (cells: string[]): RawRow => ({
  patientCode: cells[0] ?? '',
  product: cells[1] ?? '',
  strength: cells[2] ?? '',
  prescriberGln: cells[3] ?? '',
  doses: Array.from({ length: 31 }, (_, i) => cells[4 + i] ?? ''),
});

/** Lines without any cell (spreadsheets keep formatted empty lines) are not lines. */
const withoutEmpty = (lines: string[][]) => lines.filter((cells) => cells.some((cell) => cell.trim() !== ''));

function rowsOf(lines: string[][]): RawRow[] {
  const [, ...body] = withoutEmpty(lines);
  if (body.length > maxLines) throw new UnreadableSpreadsheet(`more than ${maxLines} lines`);
  return body.map(rowOf);
}

/** A CSV as Swiss Excel writes it (`;`, a BOM, Windows-1252 when not UTF-8) or with commas. */
export function parseCsv(bytes: Uint8Array): RawRow[] {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const text = utf8.includes('\ufffd') ? new TextDecoder('windows-1252').decode(bytes) : utf8;
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g) ?? []).length >= (firstLine.match(/,/g) ?? []).length ? ';' : ',';
  try {
    const lines: string[][] = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
    });
    return rowsOf(lines);
  } catch (error) {
    if (error instanceof UnreadableSpreadsheet) throw error;
    throw new UnreadableSpreadsheet((error as Error).message);
  }
}

// exceljs and what it brings (jszip, unzipper, archiver: ~400 modules) load at the first workbook,
// not at every start.
const loadExcelJs = async () => (await import('exceljs')).default;

/** A cell as the person sees it in Excel: a number as typed, a formula's result, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return '';
  if (value instanceof Date) return '';
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  return '';
}

/** The first sheet of an xlsx workbook. */
export async function parseXlsx(bytes: Uint8Array): Promise<RawRow[]> {
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableSpreadsheet((error as Error).message);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnreadableSpreadsheet('no sheet');
  if (sheet.rowCount > maxLines + 50) throw new UnreadableSpreadsheet(`more than ${maxLines} lines`);
  const lines: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= 35; column++) cells.push(cellText(row.getCell(column).value).trim());
    lines.push(cells);
  });
  return rowsOf(lines);
}

/** The template to download: the header, and a line showing how one is filled in. */
export async function templateXlsx(example: RawRow[]): Promise<Buffer> {
  const workbook = new (await loadExcelJs()).Workbook();
  const sheet = workbook.addWorksheet('Stupéfiants');
  sheet.addRow(templateHeader).font = { bold: true };
  for (const row of example)
    sheet.addRow([
      row.patientCode,
      row.product,
      row.strength,
      row.prescriberGln,
      ...row.doses.map((d) => (d === '' ? null : Number(d.replace(',', '.')))),
    ]);
  sheet.columns.forEach((column, i) => {
    column.width = i < 4 ? 22 : 5;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function templateCsvLines(example: RawRow[]): string[][] {
  return example.map((row) => [row.patientCode, row.product, row.strength, row.prescriberGln, ...row.doses]);
}
