/**
 * Whether a GLN (Global Location Number, the 13 digits identifying a health professional in Swiss
 * registers) is well formed: digits, and the GS1 check digit (weights 1 and 3 from the left).
 *
 * @example isGln('7601000123459') // true
 */
export function isGln(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(value[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(value[12]);
}

/** Whether a UID (the enterprise identification number, `CHE` and nine digits) has its mod-11 check digit. */
export function isUid(value: string): boolean {
  const digits = value.replace(/[^0-9]/g, '');
  if (!/^CHE/.test(value) || digits.length !== 9) return false;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(digits[i]), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(digits[8]);
}
