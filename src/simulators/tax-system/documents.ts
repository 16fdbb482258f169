import type { AccountEntry, DocumentKind, TaxDocument, Taxpayer } from './store.ts';

/** What each kind of document is called, in the languages the tax system writes. */
export const documentTitles: Record<DocumentKind, { fr: string; de: string }> = {
  assessment: { fr: 'Décision de taxation {year}', de: 'Veranlagungsverfügung {year}' },
  invoice: { fr: 'Bordereau d’impôt {year}', de: 'Steuerrechnung {year}' },
  provisional_invoice: {
    fr: 'Bordereau provisoire {year} (acomptes)',
    de: 'Provisorische Steuerrechnung {year} (Raten)',
  },
  certificate: { fr: 'Attestation d’impôt {year}', de: 'Steuerbescheinigung {year}' },
};

export const titleOf = (document: Pick<TaxDocument, 'kind' | 'tax_year'>, language: 'fr' | 'de') =>
  documentTitles[document.kind][language].replace('{year}', String(document.tax_year));

const office = {
  fr: 'Canton du Valais – Service cantonal des contributions',
  de: 'Kanton Wallis – Kantonale Steuerverwaltung',
};
/** The tax system's bank account: a QR-IBAN, so that payments come back with their QR reference. */
export const taxCreditor = {
  account: 'CH4431999123000889012',
  name: 'Service cantonal des contributions',
  address: 'Avenue de la Gare',
  buildingNumber: '35',
  zip: '1950',
  city: 'Sion',
  country: 'CH',
};

const amount = (cents: number) => `CHF ${(cents / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, "'")}`;

// pdfkit and swissqrbill load with the first document asked, not at every start.
async function pdf(draw: (doc: PDFKit.PDFDocument) => void, title: string): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Author: office.fr } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return done;
}

/** A document of the tax file as the tax system prints it, in the taxpayer's language. */
export function documentPdf(taxpayer: Taxpayer, document: TaxDocument): Promise<Buffer> {
  const language = taxpayer.language;
  const title = titleOf(document, language);
  const label =
    language === 'de'
      ? { taxpayer: 'Steuerpflichtige/r', date: 'Datum', amount: 'Betrag', number: 'Dokument' }
      : { taxpayer: 'Contribuable', date: 'Date', amount: 'Montant', number: 'Document' };
  return pdf((doc) => {
    doc.font('Helvetica').fontSize(10).fillColor('#444').text(office[language]);
    doc.moveDown(2).font('Helvetica-Bold').fontSize(16).fillColor('#000').text(title);
    doc.moveDown().font('Helvetica').fontSize(11);
    doc.text(
      `${label.taxpayer} : ${taxpayer.name}, ${taxpayer.street}, ${taxpayer.postcode} ${taxpayer.town}`,
    );
    doc.text(`${label.date} : ${document.issued_on.split('-').reverse().join('.')}`);
    doc.text(`${label.amount} : ${amount(document.amount_cents)}`);
    doc.text(`${label.number} : ${document.id}`);
  }, title);
}

/** The QR-bill of an open invoice: what is still owed, with the invoice's own QR reference. */
export async function invoiceQrBill(taxpayer: Taxpayer, entry: AccountEntry): Promise<Buffer> {
  const { SwissQRBill } = await import('swissqrbill/pdf');
  const owed = entry.invoiced_cents - entry.paid_cents;
  const bill = new SwissQRBill(
    {
      creditor: taxCreditor,
      debtor: {
        name: taxpayer.name,
        address: taxpayer.street.replace(/\s*\d+\w?$/, ''),
        buildingNumber: taxpayer.street.match(/(\d+\w?)$/)?.[1] ?? '',
        zip: taxpayer.postcode,
        city: taxpayer.town,
        country: 'CH',
      },
      amount: owed / 100,
      currency: 'CHF',
      reference: entry.qr_reference,
      message: `${entry.invoice_number} ${entry.period}`,
    },
    { language: taxpayer.language === 'de' ? 'DE' : 'FR', scissors: true },
  );
  const title = `${entry.invoice_number}`;
  return pdf((doc) => {
    doc.font('Helvetica').fontSize(10).fillColor('#444').text(office[taxpayer.language]);
    doc.moveDown(2).font('Helvetica-Bold').fontSize(16).fillColor('#000').text(title);
    doc
      .moveDown()
      .font('Helvetica')
      .fontSize(11)
      .text(`${taxpayer.name} – ${entry.period} – ${amount(owed)}`);
    bill.attachTo(doc);
  }, title);
}
