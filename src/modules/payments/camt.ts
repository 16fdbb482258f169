import type { X2jOptions, XMLParser } from 'fast-xml-parser';

/**
 * Reading ISO 20022 camt.054 (BankToCustomerDebitCreditNotification) as Swiss banks send it (Swiss
 * Payment Standards, versions .04 and .08): the booked credits of the notified accounts, one per
 * transaction detail, with what reconciliation needs. Debits, pending entries and reversals are
 * counted and left aside.
 */

/** A booked credit, as the bank reported it. */
export interface BankCredit {
  /** The account credited (the notification's account: QR-IBAN or IBAN). */
  creditorAccount: string;
  /**
   * What makes the booking itself, per the bank: the transaction's account servicer reference, else
   * the entry's (or its entry reference), with the transaction's position when an entry batches several.
   */
  entryKey: string;
  messageId: string;
  bookingDate: string | null;
  valueDate: string | null;
  amountCents: number;
  currency: string;
  debtorName: string | null;
  debtorAccount: string | null;
  reference: string | null;
  referenceType: string | null;
  remittance: string | null;
}

/** Why a file is not a camt.054 notification we can read: nothing of it is imported. */
export class CamtError extends Error {}

type Node = Record<string, unknown>;

const repeated = new Set(['Ntfctn', 'Ntry', 'TxDtls', 'Ustrd', 'Strd', 'AddtlRmtInf']);
// fast-xml-parser (~40 modules) loads with the first bank file, not at every start.
let parser: XMLParser | undefined;
const parserOptions: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => repeated.has(name),
};

const child = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Node)[key] : undefined), node);
const text = (node: unknown, ...path: string[]): string | null => {
  const value = child(node, ...path);
  if (typeof value === 'string') return value || null;
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string')
    return (value as Node)['#text'] as string;
  return null;
};
const list = (node: unknown, ...path: string[]): unknown[] => {
  const value = child(node, ...path);
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
};

/** `12.30` in francs as centimes, exactly (no floating point); else the file is malformed. */
function centsOf(amount: unknown, where: string): { cents: number; currency: string } {
  const value = text(amount);
  const currency = child(amount, '@Ccy');
  if (!value || !/^\d{1,15}(\.\d{1,5})?$/.test(value) || typeof currency !== 'string')
    throw new CamtError(`${where}: an amount with its currency (Amt Ccy="CHF") is missing or unreadable`);
  const [francs = '0', fraction = ''] = value.split('.');
  if (/[1-9]/.test(fraction.slice(2)))
    throw new CamtError(`${where}: amount ${value} has fractions of a centime`);
  return { cents: Number(francs) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2)), currency };
}

const dateOf = (node: unknown) => (text(node, 'Dt') ?? text(node, 'DtTm'))?.slice(0, 10) ?? null;

/** A party's name: `.04` puts it in `Dbtr/Nm`, `.08` in `Dbtr/Pty/Nm`. */
const partyName = (party: unknown) => text(party, 'Nm') ?? text(party, 'Pty', 'Nm');

/** A QR reference or a creditor reference as banks print them, without spaces. */
export const compactReference = (reference: string) => reference.replace(/\s+/g, '').toUpperCase();

/** Parses a camt.054 file; throws `CamtError` (saying where) for anything that is not one. */
export async function parseCamt054(
  xml: string,
): Promise<{ messageId: string; credits: BankCredit[]; skipped: number }> {
  // Bank files never carry a DTD; refusing one closes the door to entity expansion.
  if (/<!DOCTYPE/i.test(xml)) throw new CamtError('a document type declaration is not allowed');
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new CamtError(`not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  parser ??= new XMLParser(parserOptions);
  const document = child(parser.parse(xml), 'Document');
  const message = /urn:iso:std:iso:20022:tech:xsd:([a-z]{4}\.\d{3})\.\d{3}\.\d{2}/.exec(xml)?.[1];
  if (message && message !== 'camt.054')
    throw new CamtError(`this is a ${message} message, not a camt.054 notification`);
  const notification = child(document, 'BkToCstmrDbtCdtNtfctn');
  if (!notification) throw new CamtError('no BkToCstmrDbtCdtNtfctn element: not a camt.054 notification');
  const messageId = text(notification, 'GrpHdr', 'MsgId');
  if (!messageId) throw new CamtError('the group header has no message identification (GrpHdr/MsgId)');
  const credits: BankCredit[] = [];
  let skipped = 0;
  for (const [n, ntfctn] of list(notification, 'Ntfctn').entries()) {
    const account = text(ntfctn, 'Acct', 'Id', 'IBAN') ?? text(ntfctn, 'Acct', 'Id', 'Othr', 'Id');
    if (!account) throw new CamtError(`notification ${n + 1} names no account (Acct/Id/IBAN)`);
    for (const [e, entry] of list(ntfctn, 'Ntry').entries()) {
      const where = `notification ${n + 1}, entry ${e + 1}`;
      const entryAmount = centsOf(child(entry, 'Amt'), where);
      const status = text(entry, 'Sts') ?? text(entry, 'Sts', 'Cd');
      if (text(entry, 'CdtDbtInd') !== 'CRDT' || status !== 'BOOK' || text(entry, 'RvslInd') === 'true') {
        skipped++;
        continue;
      }
      const entryRef = text(entry, 'AcctSvcrRef') ?? text(entry, 'NtryRef');
      const details = list(entry, 'NtryDtls').flatMap((d) => list(d, 'TxDtls'));
      const transactions = details.length > 0 ? details : [undefined];
      for (const [t, tx] of transactions.entries()) {
        const txRef = tx ? text(tx, 'Refs', 'AcctSvcrRef') : null;
        const key = txRef ?? (entryRef && (transactions.length > 1 ? `${entryRef}#${t + 1}` : entryRef));
        if (!key) throw new CamtError(`${where}: no account servicer reference to know it again by`);
        const amount = tx && child(tx, 'Amt') ? centsOf(child(tx, 'Amt'), where) : entryAmount;
        if (tx && text(tx, 'CdtDbtInd') === 'DBIT') {
          skipped++;
          continue;
        }
        const creditorRef = child(tx, 'RmtInf', 'Strd');
        const strd = Array.isArray(creditorRef) ? creditorRef : [];
        const reference = strd.map((s) => text(s, 'CdtrRefInf', 'Ref')).find(Boolean) ?? null;
        const type =
          strd
            .map(
              (s) =>
                text(s, 'CdtrRefInf', 'Tp', 'CdOrPrtry', 'Prtry') ??
                text(s, 'CdtrRefInf', 'Tp', 'CdOrPrtry', 'Cd'),
            )
            .find(Boolean) ?? null;
        const remittance = [
          ...list(tx, 'RmtInf', 'Ustrd').map((u) => text(u)),
          ...strd.flatMap((s) => list(s, 'AddtlRmtInf').map((a) => text(a))),
          tx ? null : text(entry, 'AddtlNtryInf'),
        ]
          .filter(Boolean)
          .join(' ');
        if (amount.cents <= 0) throw new CamtError(`${where}: a credit of nothing`);
        credits.push({
          creditorAccount: account.replace(/\s+/g, '').toUpperCase(),
          entryKey: key,
          messageId,
          bookingDate: dateOf(child(entry, 'BookgDt')),
          valueDate: dateOf(child(entry, 'ValDt')),
          amountCents: amount.cents,
          currency: amount.currency,
          debtorName:
            partyName(child(tx, 'RltdPties', 'Dbtr')) ?? partyName(child(tx, 'RltdPties', 'UltmtDbtr')),
          debtorAccount:
            text(tx, 'RltdPties', 'DbtrAcct', 'Id', 'IBAN') ??
            text(tx, 'RltdPties', 'DbtrAcct', 'Id', 'Othr', 'Id'),
          reference: reference && compactReference(reference),
          referenceType: type,
          remittance: remittance || null,
        });
      }
    }
  }
  return { messageId, credits, skipped };
}
