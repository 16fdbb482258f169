/**
 * The Swiss social security number (AHV/AVS): 756.XXXX.XXXX.XC, an EAN-13 whose last digit is a
 * check digit (weights 1 and 3 alternating from the left).
 *
 * @example normaliseAvs('756.9217.0769.85') // '7569217076985'
 */
export function normaliseAvs(input: string): string | undefined {
  const digits = input.replace(/[.\s]/g, '');
  if (!/^756\d{10}$/.test(digits)) return undefined;
  const sum = [...digits.slice(0, 12)].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === Number(digits[12]) ? digits : undefined;
}

export function formatAvs(digits: string): string {
  return `${digits.slice(0, 3)}.${digits.slice(3, 7)}.${digits.slice(7, 11)}.${digits.slice(11)}`;
}
