/**
 * The two structured references a QR-bill may carry (Swiss Implementation Guidelines QR-bill 2.3,
 * annex B): the QR reference (27 digits, the last a recursive modulo-10 check digit), only with a
 * QR-IBAN; and the ISO 11649 creditor reference (`RF`, two check digits, up to 21 letters or digits),
 * only with an ordinary IBAN. Banks report either back in camt.054, which is how a credit finds its fee.
 */

const modulo10Table = [0, 9, 4, 6, 8, 2, 7, 1, 3, 5];

/** The recursive modulo-10 check digit of a string of digits (the former ISR algorithm). */
export function qrReferenceCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error('A QR reference is made of digits only');
  let carry = 0;
  for (const digit of digits) carry = modulo10Table[(carry + Number(digit)) % 10] as number;
  return (10 - carry) % 10;
}

/** A QR reference from up to 26 digits of our own, zero-padded on the left, with its check digit. */
export function qrReference(payload: string): string {
  if (!/^\d{1,26}$/.test(payload)) throw new Error('A QR reference carries 1 to 26 digits');
  const body = payload.padStart(26, '0');
  return `${body}${qrReferenceCheckDigit(body)}`;
}

export function isValidQrReference(reference: string): boolean {
  const compact = reference.replace(/\s/g, '');
  return (
    /^\d{27}$/.test(compact) &&
    !/^0+$/.test(compact) &&
    qrReferenceCheckDigit(compact.slice(0, 26)) === Number(compact[26])
  );
}

/** Letters as ISO 7064 numbers (A = 10 … Z = 35), then the remainder modulo 97, digit by digit. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text.toUpperCase()) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** An ISO 11649 creditor reference for up to 21 letters and digits: `RF` + check digits + them. */
export function creditorReference(payload: string): string {
  const body = payload.toUpperCase();
  if (!/^[0-9A-Z]{1,21}$/.test(body))
    throw new Error('A creditor reference carries 1 to 21 letters or digits');
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

export function isValidCreditorReference(reference: string): boolean {
  const compact = reference.replace(/\s/g, '').toUpperCase();
  return /^RF\d{2}[0-9A-Z]{1,21}$/.test(compact) && mod97(`${compact.slice(4)}${compact.slice(0, 4)}`) === 1;
}

/** A reference as people read it: the QR reference in blocks of five from the right, RF in fours. */
export function formatReference(reference: string): string {
  if (reference.startsWith('RF')) return reference.replace(/(.{4})(?=.)/g, '$1 ');
  return `${reference.slice(0, 2)} ${reference.slice(2).replace(/(.{5})(?=.)/g, '$1 ')}`.trim();
}
