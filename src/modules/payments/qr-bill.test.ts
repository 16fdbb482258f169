import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsQRModule from 'jsqr';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { isQrIban, validIban as isValidIban } from './iban.ts';
import { type QrBill, qrBillPdf, qrText, swicoS1 } from './qr-bill.ts';
import {
  creditorReference,
  isValidCreditorReference,
  isValidQrReference,
  qrReference,
} from './qr-bill-reference.ts';

// jsqr is CommonJS with `exports.default`: under Node's ESM the function sits one level down.
const jsQR = (
  typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default
) as typeof jsQRModule.default;

const folder = mkdtempSync(path.join(tmpdir(), 'qr-bill-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Renders the PDF as a scanner would see it (150 dpi) and reads its QR code. */
async function decodedPayload(pdf: Buffer, name: string): Promise<string> {
  const file = path.join(folder, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', file, path.join(folder, name)]);
  const { data, info } = await sharp(readFileSync(path.join(folder, `${name}.png`)))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const code = jsQR(
    new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
    info.width,
    info.height,
  );
  if (!code) throw new Error('No QR code found on the rendered QR-bill');
  return code.data;
}

const creditor = {
  name: 'Commune de Sion',
  street: 'Rue du Grand-Pont',
  buildingNumber: '12',
  postalCode: '1950',
  town: 'Sion',
  country: 'CH',
};
const debtor = {
  name: 'Lena Zufferey',
  street: 'Avenue de la Gare',
  buildingNumber: '5',
  postalCode: '1950',
  town: 'Sion',
  country: 'CH',
};
const bill = (overrides: Partial<QrBill>): QrBill => ({
  account: 'CH44 3199 9123 0008 8901 2',
  creditor,
  debtor,
  reference: qrReference('4200000123'),
  amountCents: 12_550,
  currency: 'CHF',
  message: 'Taxe de chien 2027 – GU-2026-0000042',
  billInformation: swicoS1('GU-2026-0000042', new Date('2026-12-01T09:00:00Z')),
  language: 'fr',
  heading: { authority: 'Sion', title: 'Bulletin de versement', lines: ['Taxe de chien 2027'] },
  ...overrides,
});

describe('the QR-bill PDF', () => {
  it('carries every field of the Swiss QR code, read back from the rendered page (QR-IBAN, QR reference)', async () => {
    const payload = await decodedPayload(await qrBillPdf(bill({})), 'qrr');
    const lines = payload.split(/\r?\n/);
    // Header
    expect(lines.slice(0, 3)).toEqual(['SPC', '0200', '1']);
    // Creditor account: a QR-IBAN with valid check digits
    expect(lines[3]).toBe('CH4431999123000889012');
    expect(isValidIban(lines[3] ?? '') && isQrIban(lines[3] ?? '')).toBe(true);
    // Creditor: structured address (type S)
    expect(lines.slice(4, 11)).toEqual([
      'S',
      'Commune de Sion',
      'Rue du Grand-Pont',
      '12',
      '1950',
      'Sion',
      'CH',
    ]);
    // Ultimate creditor: reserved, seven empty fields
    expect(lines.slice(11, 18)).toEqual(['', '', '', '', '', '', '']);
    // Amount and currency
    expect(lines.slice(18, 20)).toEqual(['125.50', 'CHF']);
    // Ultimate debtor: structured address
    expect(lines.slice(20, 27)).toEqual([
      'S',
      'Lena Zufferey',
      'Avenue de la Gare',
      '5',
      '1950',
      'Sion',
      'CH',
    ]);
    // Reference: QRR with a valid recursive modulo-10 check digit
    expect(lines[27]).toBe('QRR');
    expect(lines[28]).toBe(qrReference('4200000123'));
    expect(isValidQrReference(lines[28] ?? '')).toBe(true);
    // Additional information: unstructured message, trailer, bill information
    // The en dash is not in the permitted character set: it travels as a hyphen.
    expect(lines[29]).toBe('Taxe de chien 2027 - GU-2026-0000042');
    expect(lines[30]).toBe('EPD');
    expect(lines[31]).toBe('//S1/10/GU-2026-0000042/11/261201');
    expect(lines).toHaveLength(32);
  });

  it('carries an ISO 11649 creditor reference with an ordinary IBAN (SCOR)', async () => {
    const reference = creditorReference('4200000124');
    const payload = await decodedPayload(
      await qrBillPdf(bill({ account: 'CH93 0076 2011 6238 5295 7', reference, debtor: undefined })),
      'scor',
    );
    const lines = payload.split(/\r?\n/);
    expect(lines.slice(0, 3)).toEqual(['SPC', '0200', '1']);
    expect(lines[3]).toBe('CH9300762011623852957');
    expect(isValidIban(lines[3] ?? '') && !isQrIban(lines[3] ?? '')).toBe(true);
    expect(lines.slice(18, 20)).toEqual(['125.50', 'CHF']);
    // No debtor known: the seven fields stay empty (the receipt then shows a box to fill in)
    expect(lines.slice(20, 27)).toEqual(['', '', '', '', '', '', '']);
    expect(lines[27]).toBe('SCOR');
    expect(lines[28]).toBe(reference);
    expect(isValidCreditorReference(lines[28] ?? '')).toBe(true);
    expect(lines[30]).toBe('EPD');
  });

  it('keeps the letters the guidelines permit and plains the rest', () => {
    expect(qrText('Zufferey Sàrl, Jürg Çelik, Łukasz Ștefan, 20 €')).toBe(
      'Zufferey Sàrl, Jürg Çelik, Łukasz Ștefan, 20 €',
    );
    expect(qrText('l’«État» — 2 ✓ 日')).toBe("l'«État» - 2 . .");
  });

  it('escapes slashes inside Swico S1 values', () => {
    expect(swicoS1('A/B', new Date('2027-01-05T00:00:00Z'))).toBe('//S1/10/A\\/B/11/270105');
  });
});
