import type { Locale } from '../../platform/i18n/locales.ts';
import { formatReference } from './qr-bill-reference.ts';

/** A structured (type S) address: the only kind the guidelines allow since version 2.3. */
export interface StructuredAddress {
  name: string;
  street: string;
  buildingNumber?: string;
  postalCode: string;
  town: string;
  /** ISO 3166 two letters. */
  country: string;
}

/** Everything printed on a QR-bill and encoded in its Swiss QR code. */
export interface QrBill {
  /** The QR-IBAN (with a QR reference) or the IBAN (with a creditor reference) credited. */
  account: string;
  creditor: StructuredAddress;
  debtor?: StructuredAddress;
  /** A QR reference (27 digits) or an ISO 11649 creditor reference (`RF…`). */
  reference: string;
  amountCents: number;
  currency: 'CHF';
  /** The unstructured message: what the fee is for and the request's reference. */
  message: string;
  /** Bill information in the Swico S1 syntax (`//S1/10/…`), for the payer's accounting software. */
  billInformation?: string;
  language: Locale;
  /** The heading of the page above the payment part. */
  heading: { authority: string; title: string; lines: string[] };
}

const languages = { fr: 'FR', de: 'DE', en: 'EN' } as const;

/**
 * Swico S1 bill information: the invoice number (tag 10) and its date (tag 11, YYMMDD), with `\` and `/`
 * inside values escaped as the syntax requires.
 */
export function swicoS1(invoice: string, issuedOn: Date): string {
  const escaped = (value: string) => value.replace(/\\/g, '\\\\').replace(/\//g, '\\/');
  const date = issuedOn.toISOString().slice(2, 10).replace(/-/g, '');
  return `//S1/10/${escaped(invoice)}/11/${date}`;
}

/** Latin-1 and the letters version 2.3 added (Latin Extended-A, Ș ș Ț ț, €): what the code may carry. */
const allowed = /[\u0020-\u007e\u00a0-\u017f\u0218-\u021b\u20ac]/u;
const typographic: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
};

/**
 * Text as the Swiss QR code may carry it: typographic quotes and dashes as their plain forms, other
 * characters outside the permitted set without their accents, else as a full stop.
 */
export function qrText(text: string): string {
  return [...text.normalize('NFC')]
    .map((char) => {
      if (allowed.test(char)) return char;
      if (typographic[char]) return typographic[char];
      const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
      return [...bare].every((c) => allowed.test(c)) ? bare : '.';
    })
    .join('');
}

const addressOf = (a: StructuredAddress) => ({
  name: qrText(a.name),
  address: qrText(a.street),
  ...(a.buildingNumber && { buildingNumber: qrText(a.buildingNumber) }),
  zip: qrText(a.postalCode),
  city: qrText(a.town),
  country: a.country,
});

/**
 * The QR-bill as an A4 PDF: what it is for at the top, the receipt and the payment part with the Swiss
 * QR code at the bottom (Swiss Implementation Guidelines QR-bill 2.3, drawn by `swissqrbill`). This is
 * the seam the seal goes through: the issuing function takes these bytes.
 */
export async function qrBillPdf(bill: QrBill): Promise<Buffer> {
  // pdfkit and swissqrbill load with the first bill, not at every start.
  const [{ default: PDFDocument }, { SwissQRBill }] = await Promise.all([
    import('pdfkit'),
    import('swissqrbill/pdf'),
  ]);
  const qrBill = new SwissQRBill(
    {
      creditor: { ...addressOf(bill.creditor), account: bill.account.replace(/\s/g, '') },
      ...(bill.debtor && { debtor: addressOf(bill.debtor) }),
      amount: bill.amountCents / 100,
      currency: bill.currency,
      reference: bill.reference,
      message: qrText(bill.message).slice(0, 140),
      ...(bill.billInformation && { additionalInformation: qrText(bill.billInformation) }),
    },
    { language: languages[bill.language], scissors: true },
  );
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: bill.heading.title, Author: bill.heading.authority },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(bill.heading.authority);
  doc.moveDown(2).font('Helvetica-Bold').fontSize(16).fillColor('#000').text(bill.heading.title);
  doc.moveDown().font('Helvetica').fontSize(11);
  for (const line of bill.heading.lines) doc.text(line);
  doc.moveDown().text(formatReference(bill.reference));
  qrBill.attachTo(doc);
  doc.end();
  return done;
}
