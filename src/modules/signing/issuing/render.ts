import { createRequire } from 'node:module';
import path from 'node:path';
import { formatDate } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import type { Authority } from '../../authorities/index.ts';
import type { IssuedContent, IssuedType } from './content.ts';
import { issuingMessages } from './messages.ts';

// Found where Node finds the package (wherever it is installed), once: a missing font package fails at
// start rather than on the first document.
const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
const fonts = {
  regular: path.join(fontDir, 'DejaVuSans.ttf'),
  bold: path.join(fontDir, 'DejaVuSans-Bold.ttf'),
};

export interface Layout {
  authority: Authority;
  language: Locale;
  type: IssuedType;
  serial: string;
  issuedAt: Date;
  validUntil: Date | null;
  content: IssuedContent;
  qrPayload: string;
  /** Where a printed copy is checked, printed under the QR code. */
  verifyUrl: string;
}

const typeKey = {
  decision: 'typeDecision',
  letter: 'typeLetter',
  receipt: 'typeReceipt',
  bill: 'typeBill',
  extract: 'typeExtract',
  authorisation: 'typeAuthorisation',
} as const;

/** The printed name of a document type, in `locale`. */
export const issuedTypeName = (locale: Locale, type: IssuedType) =>
  issuingMessages.translator(locale)(typeKey[type]);

/**
 * Lays out an issued document: the authority's name over its colour, the recipient, the title, the
 * text and labelled values, then the serial number, dates and the verification QR code (level Q). The
 * fonts are embedded, the PDF is tagged (headings, paragraphs, the QR code as a figure with its
 * alternative text) and declares PDF/A-2a, so that it can be archived and read aloud.
 */
export async function renderIssuedPdf(layout: Layout): Promise<Buffer> {
  const { authority, language, content } = layout;
  const t = issuingMessages.translator(language);
  const authorityName = pick(authority.names, language, authority.languages);
  // pdfkit and qrcode (~100 modules) load with the first document issued, not at every start.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([
    import('pdfkit'),
    import('qrcode'),
  ]);
  const qr = await QRCode.toBuffer(layout.qrPayload, { errorCorrectionLevel: 'Q', margin: 4, scale: 4 });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: language,
    displayTitle: true,
    info: { Title: content.title, Author: authorityName, Subject: issuedTypeName(language, layout.type) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const tagged = (type: string, draw: () => void) => root.add(doc.struct(type, {}, draw));

  doc.rect(0, 0, doc.page.width, 8).fill(authority.palette.primary);
  tagged('P', () => doc.font('bold').fontSize(11).fillColor('#222').text(authorityName, 56, 36));
  tagged('P', () =>
    doc
      .moveDown(1.5)
      .font('regular')
      .fontSize(10)
      .text(`${t('recipient')}: ${content.recipient}`),
  );
  tagged('H1', () => doc.moveDown(1.5).font('bold').fontSize(16).fillColor('#000').text(content.title));
  for (const paragraph of content.paragraphs)
    tagged('P', () => doc.moveDown(0.6).font('regular').fontSize(11).text(paragraph));
  for (const section of content.sections) {
    if (section.heading) {
      const heading = section.heading;
      tagged('H2', () => doc.moveDown().font('bold').fontSize(12).text(heading));
    }
    for (const field of section.fields)
      tagged('P', () => {
        doc.moveDown(0.3).font('bold').fontSize(10).text(field.label);
        doc.font('regular').text(field.value || '–');
      });
  }

  // The seal block stays together at the foot of the last page.
  const block = 140;
  if (doc.y > doc.page.height - doc.page.margins.bottom - block) doc.addPage();
  const top = doc.page.height - doc.page.margins.bottom - block;
  root.add(
    doc.struct('Figure', { alt: t('qrAlt', { serial: layout.serial }) }, () =>
      doc.image(qr, 56, top, { width: 120 }),
    ),
  );
  const lines = [
    `${t('serial')}: ${layout.serial}`,
    `${t('issuedOn')}: ${formatDate(language, layout.issuedAt)}`,
    ...(layout.validUntil ? [`${t('validUntil')}: ${formatDate(language, layout.validUntil)}`] : []),
  ];
  tagged('P', () => {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor('#222')
      .text(lines.join('\n'), 196, top + 8, { width: 340 });
    doc.moveDown(0.5).text(t('verifyHint', { url: layout.verifyUrl }), { width: 340 });
  });
  root.end();
  doc.end();
  return done;
}
