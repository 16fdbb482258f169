import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { attackCorpus, cleanPdf, png } from '../../../tests/support/attack-corpus.ts';
import { inspectUpload } from './inspect-upload.ts';
import { safeFileName } from './safe-file-name.ts';
import { documentKinds } from './upload-kind.ts';

const corpus = await attackCorpus();

describe('inspectUpload', () => {
  it('accepts a PDF and a PNG by their content, whatever they are called', async () => {
    expect(await inspectUpload(await cleanPdf(), documentKinds, 'anything.txt')).toEqual({
      ok: true,
      kind: 'pdf',
      mime: 'application/pdf',
    });
    expect(await inspectUpload(png(800, 600), documentKinds)).toMatchObject({ ok: true, kind: 'png' });
  });

  it.each(corpus)('refuses $label as $refusal', async ({ bytes, name, refusal }) => {
    const inspection = await inspectUpload(bytes, documentKinds, name);
    expect(inspection.ok ? 'accepted' : inspection.refusal.code).toBe(refusal);
  });

  it('reads names escaped with #xx as PDF readers do', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /Java#53cript /JS (x) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    expect(await inspectUpload(pdf, documentKinds)).toMatchObject({
      ok: false,
      refusal: { code: 'active-content' },
    });
  });

  it('accepts a workbook only where xlsx is asked for, and never one with macros', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Octobre').addRow(['VS-4821K7', 'Méthadone']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await inspectUpload(xlsx, ['xlsx', 'csv'])).toMatchObject({ ok: true, kind: 'xlsx' });
    expect(await inspectUpload(xlsx, documentKinds)).toMatchObject({
      ok: false,
      refusal: { code: 'archive' },
    });
    // A macro project is a part named so in the package; its name is enough to refuse the file.
    const withMacros = Buffer.concat([xlsx, Buffer.from('xl/vbaProject.bin')]);
    expect(await inspectUpload(withMacros, ['xlsx'])).toMatchObject({
      ok: false,
      refusal: { code: 'polyglot', detail: 'macros' },
    });
  });

  it('accepts a CSV only where CSV is asked for', async () => {
    const csv = Buffer.from('avs;title\n756.1234.5678.97;Décision\n');
    expect(await inspectUpload(csv, ['csv'])).toMatchObject({ ok: true, kind: 'csv' });
    expect(await inspectUpload(csv, documentKinds)).toMatchObject({ ok: false });
  });
});

describe('safeFileName', () => {
  it('keeps a readable name without path, controls or bidi overrides, with the detected extension', () => {
    expect(safeFileName('../../etc/pass\r\nwd.pdf', 'pdf')).toBe('pass_wd.pdf');
    expect(safeFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoice_fdp.pdf');
    expect(safeFileName('Décision finale.PDF', 'pdf')).toBe('Décision finale.pdf');
    expect(safeFileName('...', 'png')).toBe('document.png');
  });
});
