/** An IBAN as typed (spaces, lower case) in its electronic form: `CH4431999123000889012`. */
export const compactIban = (typed: string) => typed.replace(/\s+/g, '').toUpperCase();

/**
 * Whether an IBAN's check digits hold (ISO 13616: the country and check digits moved to the end,
 * letters as 10–35, the number modulo 97 is 1). Swiss and Liechtenstein IBANs are 21 characters.
 */
export function validIban(typed: string): boolean {
  const iban = compactIban(typed);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  if (/^(CH|LI)/.test(iban) && iban.length !== 21) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (letter) =>
    String(letter.charCodeAt(0) - 55),
  );
  // Piecewise, as the number is far beyond a double's exact range.
  let rest = 0;
  for (const digit of digits) rest = (rest * 10 + Number(digit)) % 97;
  return rest === 1;
}

/**
 * Whether an IBAN is a QR-IBAN: a Swiss or Liechtenstein IBAN whose institution identification (IID,
 * characters 5–9) is in the range reserved for QR-IIDs, 30000–31999 (Swiss Implementation Guidelines
 * for the QR-bill). Only a QR-IBAN takes a QR reference; a QR-IBAN cannot take a creditor reference.
 */
export function isQrIban(typed: string): boolean {
  const iban = compactIban(typed);
  if (!validIban(iban) || !/^(CH|LI)/.test(iban)) return false;
  const iid = Number(iban.slice(4, 9));
  return iid >= 30000 && iid <= 31999;
}

/** `CH44 3199 9123 0008 8901 2`: groups of four, as printed on a QR-bill. */
export const printedIban = (typed: string) => compactIban(typed).replace(/(.{4})(?=.)/g, '$1 ');
