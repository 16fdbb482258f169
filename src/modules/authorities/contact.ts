import type { LocalisedText } from '../../platform/i18n/locales.ts';

/** How to reach an authority in person, by phone or by mail: what service pages point people to. */
export interface AuthorityContact {
  /** Postal address, one line an entry (office, street, postcode and place). */
  address: string[];
  /** Swiss phone number in national or international form; shown grouped. */
  phone: string;
  email: string;
  /** Opening hours of the counter, as the authority words them. */
  hours: LocalisedText;
}

/**
 * Groups a Swiss phone number the way it is printed: `027 606 00 10`, `+41 27 606 00 10`. A number that
 * is not Swiss (or not ten digits) is returned as it was given.
 */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  const national = digits.startsWith('+41')
    ? digits.slice(3)
    : digits.startsWith('0041')
      ? digits.slice(4)
      : null;
  const group = (n: string) => `${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 7)} ${n.slice(7, 9)}`;
  if (national !== null && /^\d{9}$/.test(national)) return `+41 ${group(national)}`;
  if (/^0\d{9}$/.test(digits)) return `0${group(digits.slice(1))}`;
  return phone;
}

/** The `tel:` form of a number (E.164 for Swiss numbers). */
export function phoneHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${/^0\d{9}$/.test(digits) ? `+41${digits.slice(1)}` : digits}`;
}
