import { createHash } from 'node:crypto';
import { encode } from 'cbor2';

/**
 * SHA-256 of a document's canonical content: its type, serial and fields encoded as deterministic
 * CBOR (RFC 8949 §4.2, keys sorted). It goes in the QR code instead of the PDF's hash, which cannot be
 * known before the QR code is printed into that PDF (ADR 0021).
 */
export function documentContentHash(content: {
  type: string;
  serial: string;
  fields: Record<string, string>;
}): Uint8Array {
  const canonical = encode(
    new Map<string, unknown>([
      ['t', content.type],
      ['n', content.serial],
      ['f', new Map(Object.entries(content.fields))],
    ]),
    { cde: true },
  );
  return new Uint8Array(createHash('sha256').update(canonical).digest());
}
