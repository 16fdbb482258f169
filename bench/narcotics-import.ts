// A pharmacy's month of 400 patients imported from xlsx — read, every line checked, kept as the draft
// the page shows — and then filed, each against parsing the same file alone.
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import type { Db } from '../src/platform/database/database.ts';
import { parseXlsx } from '../src/services/narcotics-statements/spreadsheet.ts';
import { checkRows } from '../src/services/narcotics-statements/statement-rows.ts';
import { fileStatement, saveDraft } from '../src/services/narcotics-statements/statements.ts';
import {
  demoPharmacy,
  methadoneLine,
  patientCodes,
  planta,
  statementXlsx,
} from '../tests/support/narcotics.ts';
import { record } from './load.ts';

const patients = 400;

async function seconds(work: () => Promise<unknown> | unknown): Promise<number> {
  const began = performance.now();
  await work();
  return (performance.now() - began) / 1000;
}

const median = (values: number[]) =>
  values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function benchNarcoticsImport(db: Db): Promise<void> {
  const authority = await getAuthorityBySlug(db, 'ssp');
  if (!authority) throw new Error('the demo authorities are missing');
  const { accountId, pharmacist } = await demoPharmacy(db);
  const pharmacy = { ...planta, accountId };
  const filer = { personId: pharmacist, name: 'Bench' };
  const xlsx = await statementXlsx(patientCodes(patients).map((code) => methadoneLine(code)));

  const importOnce = async (month: string) => {
    const rows = await parseXlsx(xlsx);
    await saveDraft(db, filer, { authorityId: authority.id, pharmacy, month, rows });
    return checkRows(month, rows);
  };
  // Warm up both paths.
  await parseXlsx(xlsx);
  await importOnce('2025-01');

  const parses: number[] = [];
  for (let i = 0; i < 5; i++) parses.push(await seconds(() => parseXlsx(xlsx)));
  const parse = median(parses);
  const imports: number[] = [];
  for (let i = 0; i < 5; i++) imports.push(await seconds(() => importOnce(`2025-0${i + 2}`)));
  const imported = median(imports);
  let outcome = '';
  const filed = await seconds(async () => {
    const rows = await parseXlsx(xlsx);
    outcome = (
      await fileStatement(
        db,
        { ...filer, responsible: true },
        { authorityId: authority.id, pharmacy, month: '2025-08', rows },
      )
    ).outcome;
  });
  if (outcome !== 'filed') throw new Error(`expected the statement filed, got ${outcome}`);
  record('narcotics statement from xlsx vs parsing the same file alone', {
    patients,
    importOverParse: imported / parse,
    fileOverParse: filed / parse,
    seconds: { import: imported, file: filed, parse },
  });
  process.stdout.write(
    [
      `narcotics statement of ${patients} patients from xlsx (${(xlsx.length / 1024).toFixed(0)} KB) vs parsing the same file alone`,
      `  import ratio  ${(imported / parse).toFixed(2)}  (read, check every line, keep the draft / parse time)`,
      `  file ratio    ${(filed / parse).toFixed(2)}  (read, check, sign off, file and announce / parse time)`,
      `  seconds       import ${imported.toFixed(3)}, file ${filed.toFixed(3)}, parse ${parse.toFixed(3)} (this machine, this run only)`,
      '',
    ].join('\n'),
  );
}
