import type { Issuance } from '../issuing/issue-document.ts';

/**
 * What a document's wallet credential says, each claim selectively disclosable: its kind, title and
 * serial (the same as the paper's, so a verifier can look it up at /verify), the holder, the issuer,
 * the dates, and the short printed fields the paper's QR code signs (outcome, reference, birth date).
 */
export function credentialClaims(
  issuance: Pick<Issuance, 'type' | 'content' | 'subject' | 'validUntil'>,
  issued: { serial: string; issuer: string; issuedAt: Date; fields: Record<string, string> },
): Record<string, string> {
  const { o: outcome, r: reference, b: birthDate } = issued.fields;
  return {
    document_type: issuance.type,
    title: issuance.content.title,
    serial: issued.serial,
    holder_name: issuance.subject.name,
    issuer: issued.issuer,
    issued_at: issued.issuedAt.toISOString().slice(0, 10),
    ...(issuance.validUntil ? { valid_until: issuance.validUntil.toISOString().slice(0, 10) } : {}),
    ...(outcome ? { outcome } : {}),
    ...(reference ? { reference } : {}),
    ...(birthDate ? { birth_date: birthDate } : {}),
  };
}
