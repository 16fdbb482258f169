import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { maxLines, parseCsv, parseXlsx, templateXlsx, UnreadableSpreadsheet } from './spreadsheet.ts';
import type { RawRow } from './statement-rows.ts';

const header = 'Code;Produit;Dosage;GLN;1;2;3';

describe('parseCsv', () => {
  it('reads what Swiss Excel writes: semicolons, a BOM, decimal commas kept as typed', () => {
    const rows = parseCsv(
      Buffer.from(`\ufeff${header}\r\nVS-4821K7;Méthadone;10 mg/ml;7601000000002;60;60,5;\r\n;;;;;;\r\n`),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      patientCode: 'VS-4821K7',
      product: 'Méthadone',
      prescriberGln: '7601000000002',
    });
    expect(rows[0]?.doses.slice(0, 3)).toEqual(['60', '60,5', '']);
    expect(rows[0]?.doses).toHaveLength(31);
  });

  it('reads commas, and Windows-1252 when the file is not UTF-8', () => {
    const latin1 = Buffer.from('Code,Produit\nVS-4821K7,Méthadone,10 mg/ml\n', 'latin1');
    expect(parseCsv(latin1)[0]).toMatchObject({ product: 'Méthadone', strength: '10 mg/ml' });
  });

  it('refuses a file longer than a canton has patients', () => {
    const lines = Array.from({ length: maxLines + 1 }, () => 'VS-4821K7;Méthadone').join('\n');
    expect(() => parseCsv(Buffer.from(`${header}\n${lines}`))).toThrow(UnreadableSpreadsheet);
  });
});

describe('parseXlsx', () => {
  it('reads back the template with its example line', async () => {
    const example: RawRow = {
      patientCode: 'VS-4821K7',
      product: 'methadone',
      strength: '10 mg/ml',
      prescriberGln: '7601000000002',
      doses: Array.from({ length: 31 }, (_, i) => (i < 2 ? '60' : '')),
    };
    const rows = await parseXlsx(await templateXlsx([example]));
    expect(rows).toEqual([example]);
  });

  it('reads numbers, formulas and rich text as the person sees them', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Octobre');
    sheet.addRow(['Code', 'Produit', 'Dosage', 'GLN', '1', '2']);
    sheet.addRow([
      { richText: [{ text: 'VS-' }, { text: '4821K7' }] },
      'Buprénorphine',
      '8 mg',
      7601000000002,
      12.5,
      { formula: 'E2*2', result: 25 },
    ]);
    const rows = await parseXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows[0]).toMatchObject({ patientCode: 'VS-4821K7', prescriberGln: '7601000000002' });
    expect(rows[0]?.doses.slice(0, 2)).toEqual(['12.5', '25']);
  });

  it('says a file that is not a workbook is unreadable', async () => {
    await expect(parseXlsx(Buffer.from('PK\u0003\u0004 not really'))).rejects.toThrow(UnreadableSpreadsheet);
  });
});
