import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { auditedTx } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import { getAccount } from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { getPerson, personName } from '../identity/index.ts';
import { type IssuingContext, issueDocument } from '../signing/index.ts';
import { bankMessages } from './bank-messages.ts';
import { compactIban } from './iban.ts';
import { paymentSettingsOf } from './payment-settings.ts';
import { isUnsettled, locked, type Payment, paymentEvent, shownReference } from './payments.ts';
import { type QrBill, qrBillPdf, type StructuredAddress, swicoS1 } from './qr-bill.ts';
import { creditorReference, qrReference } from './qr-bill-reference.ts';
import type { PaymentsTables } from './tables.ts';

export type BankSlip = Selectable<PaymentsTables['payment_bank_slips']>;

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

/** The QR-bill sent for one of an authority's fees, if any. */
export async function bankSlipOf(
  db: Db,
  authorityId: string,
  paymentId: string,
): Promise<BankSlip | undefined> {
  return tables(db)
    .selectFrom('payment_bank_slips')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('payment_id', '=', paymentId)
    .executeTakeFirst();
}

/** Which of these fees wait for a bank transfer (a QR-bill was sent for them). */
export async function awaitingTransfer(db: Db, paymentIds: string[]): Promise<Set<string>> {
  if (paymentIds.length === 0) return new Set();
  const rows = await tables(db)
    .selectFrom('payment_bank_slips')
    .select('payment_id')
    .where('payment_id', 'in', paymentIds)
    .execute();
  return new Set(rows.map((r) => r.payment_id));
}

export type SendRefusal = 'settled' | 'noCreditor' | 'notChf';

/**
 * Sends a QR-bill for a fee into the account's document space: the fee gets its bank reference once
 * (a QR reference with the authority's QR-IBAN, else an ISO 11649 creditor reference with its IBAN),
 * recorded and audited before the PDF is published; sending again publishes the same document.
 */
export async function sendQrBill(
  context: IssuingContext,
  payment: Payment,
  request: { actor: string; locale: Locale },
  now = new Date(),
): Promise<{ slip: BankSlip; documentId: string } | SendRefusal> {
  const { db } = context;
  if (!isUnsettled(payment)) return 'settled';
  if (payment.currency !== 'CHF') return 'notChf';
  const settings = await paymentSettingsOf(db, payment.authority_id);
  const account = settings?.creditor.qrIban ?? settings?.creditor.iban;
  if (!settings || !account) return 'noCreditor';
  const slip = await db.transaction().execute(async (tx) => {
    const now = await locked(tx, payment);
    const known = await bankSlipOf(tx, payment.authority_id, payment.id);
    if (known) return known;
    if (!isUnsettled(now)) return undefined;
    const { rows } = await sql<{
      n: string;
    }>`select nextval('payment_bank_reference_seq')::text as n`.execute(tx);
    const number = rows[0]?.n ?? '';
    const withQrIban = Boolean(settings.creditor.qrIban);
    const reference = withQrIban ? qrReference(number) : creditorReference(number);
    return auditedTx(tx, paymentEvent(request.actor, 'payment.qrBill.sent', payment, { reference }), (tx) =>
      tables(tx)
        .insertInto('payment_bank_slips')
        .values({
          payment_id: payment.id,
          authority_id: payment.authority_id,
          reference,
          reference_type: withQrIban ? 'QRR' : 'SCOR',
          creditor_account: compactIban(account),
          document_id: null,
          sent_by: request.actor,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  });
  if (!slip) return 'settled';
  const t = bankMessages.translator(request.locale);
  const title = t('qrBillTitle', { reference: shownReference(payment) });
  const bill = await qrBillOf(db, payment, slip, request.locale, now);
  const holder = await getAccount(db, payment.account_id);
  const pdf = await qrBillPdf(bill);
  // Issued like every document of the authority: in the register, sealed by the job moments later.
  const { document } = await db.transaction().execute((tx) =>
    issueDocument(
      context,
      {
        type: 'bill',
        authorityId: payment.authority_id,
        accountId: payment.account_id,
        subject: {
          kind: holder?.kind === 'professional' ? 'organisation' : 'person',
          name: holder?.name ?? '',
        },
        language: request.locale,
        content: { title, recipient: holder?.name ?? '', paragraphs: [], sections: [] },
        verifierFields: { n: holder?.name ?? '', r: slip.reference },
        category: 'invoice',
        theme: payment.theme,
        ...(payment.reference ? { requestReference: payment.reference } : {}),
        filename: `qr-bill-${shownReference(payment)}.pdf`,
        idempotencyKey: `qr-bill:${payment.id}`,
        issuedBy: request.actor,
        ownLayout: { kind: qrBillLayoutName, data: bill, pdf },
      },
      tx,
      now,
    ),
  );
  if (slip.document_id !== document.id)
    await tables(db)
      .updateTable('payment_bank_slips')
      .set({ document_id: document.id })
      .where('payment_id', '=', slip.payment_id)
      .execute();
  return { slip: { ...slip, document_id: document.id }, documentId: document.id };
}

/** The layout name of a QR-bill in the issuance register: `qrBillLayout` draws it again to seal it. */
export const qrBillLayoutName = 'qr-bill';

/** Draws a QR-bill from the data kept in the register (the signing module's sealing job calls it). */
export const qrBillLayout = (data: unknown) => qrBillPdf(data as QrBill);

/** What a fee's QR-bill says (creditor, debtor, amount, reference, message), as the register keeps it. */
async function qrBillOf(
  db: Db,
  payment: Payment,
  slip: BankSlip,
  locale: Locale,
  issuedOn: Date,
): Promise<QrBill> {
  const settings = await paymentSettingsOf(db, payment.authority_id);
  if (!settings) throw new Error(`Authority ${payment.authority_id} has no creditor to be paid to`);
  const authority = await getAuthorityById(db, payment.authority_id);
  const t = bankMessages.translator(locale);
  const purpose = pick(payment.purpose, locale);
  const reference = shownReference(payment);
  const { iban: _iban, qrIban: _qrIban, ...creditor } = settings.creditor;
  const bill: QrBill = {
    account: slip.creditor_account,
    creditor,
    debtor: await debtorOf(db, payment.account_id),
    reference: slip.reference,
    amountCents: payment.amount_cents,
    currency: 'CHF',
    message: `${purpose} – ${reference}`,
    billInformation: swicoS1(reference, issuedOn),
    language: locale,
    heading: {
      authority: authority ? pick(authority.names, locale, authority.languages) : creditor.name,
      title: t('qrBillTitle', { reference }),
      lines: [purpose, t('qrBillHint')],
    },
  };
  return bill;
}

/** The account's holder with a full postal address, if known (else the payer fills the box in). */
async function debtorOf(db: Db, accountId: string): Promise<StructuredAddress | undefined> {
  const account = await getAccount(db, accountId);
  const person = account?.person_id ? await getPerson(db, account.person_id) : undefined;
  if (!person?.street || !person.postcode || !person.town) return undefined;
  return {
    name: personName(person),
    street: person.street,
    ...(person.house_number && { buildingNumber: person.house_number }),
    postalCode: person.postcode,
    town: person.town,
    country: person.country,
  };
}
