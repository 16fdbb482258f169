/**
 * camt.054 notifications as Swiss banks write them (Swiss Payment Standards), for tests and the
 * bench: `.04` writes `<Sts>BOOK</Sts>` and `<Dbtr><Nm>`, `.08` writes `<Sts><Cd>BOOK</Cd></Sts>` and
 * `<Dbtr><Pty><Nm>`. Each entry carries one transaction unless it batches several.
 */
export interface CamtEntry {
  /** The bank's account servicer reference of the transaction. */
  servicerRef: string;
  amountCents: number;
  reference?: string;
  debtor?: string;
  remittance?: string;
  bookingDate?: string;
  debit?: boolean;
  pending?: boolean;
}

const francs = (cents: number) => (cents / 100).toFixed(2);
const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function referenceType(reference: string) {
  return reference.startsWith('RF')
    ? '<Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>'
    : '<Tp><CdOrPrtry><Prtry>QRR</Prtry></CdOrPrtry></Tp>';
}

function transaction(entry: CamtEntry, version: '04' | '08') {
  const debtor = entry.debtor
    ? version === '08'
      ? `<Dbtr><Pty><Nm>${escapeXml(entry.debtor)}</Nm></Pty></Dbtr>`
      : `<Dbtr><Nm>${escapeXml(entry.debtor)}</Nm></Dbtr>`
    : '';
  const structured = entry.reference
    ? `<Strd><CdtrRefInf>${referenceType(entry.reference)}<Ref>${entry.reference}</Ref></CdtrRefInf></Strd>`
    : '';
  const unstructured = entry.remittance ? `<Ustrd>${escapeXml(entry.remittance)}</Ustrd>` : '';
  return `<TxDtls>
            <Refs><AcctSvcrRef>${entry.servicerRef}</AcctSvcrRef><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            <Amt Ccy="CHF">${francs(entry.amountCents)}</Amt>
            <CdtDbtInd>${entry.debit ? 'DBIT' : 'CRDT'}</CdtDbtInd>
            <RltdPties>${debtor}<DbtrAcct><Id><IBAN>CH5604835012345678009</IBAN></Id></DbtrAcct></RltdPties>
            <RmtInf>${unstructured}${structured}</RmtInf>
          </TxDtls>`;
}

export function camt054(notification: {
  version: '04' | '08';
  account: string;
  messageId: string;
  entries: CamtEntry[];
}): string {
  const { version } = notification;
  const entries = notification.entries.map((entry) => {
    const status = entry.pending ? 'PDNG' : 'BOOK';
    const date = entry.bookingDate ?? '2026-12-01';
    return `<Ntry>
        <Amt Ccy="CHF">${francs(entry.amountCents)}</Amt>
        <CdtDbtInd>${entry.debit ? 'DBIT' : 'CRDT'}</CdtDbtInd>
        <RvslInd>false</RvslInd>
        ${version === '08' ? `<Sts><Cd>${status}</Cd></Sts>` : `<Sts>${status}</Sts>`}
        <BookgDt><Dt>${date}</Dt></BookgDt>
        <ValDt><Dt>${date}</Dt></ValDt>
        <AcctSvcrRef>E-${entry.servicerRef}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>VCOM</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>${transaction(entry, version)}</NtryDtls>
      </Ntry>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.${version}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>${notification.messageId}</MsgId><CreDtTm>2026-12-01T18:00:00</CreDtTm></GrpHdr>
    <Ntfctn>
      <Id>${notification.messageId}-1</Id>
      <CreDtTm>2026-12-01T18:00:00</CreDtTm>
      <Acct><Id><IBAN>${notification.account}</IBAN></Id></Acct>
      ${entries.join('\n      ')}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
`;
}
