const weights = [5, 4, 3, 2, 7, 6, 5, 4];

/**
 * The business identification number: CHE-XXX.XXX.XXX, whose last digit is a mod-11 check digit of the
 * first eight (a remainder giving 10 is never issued).
 *
 * @example normaliseUid('CHE-116.281.710') // 'CHE116281710'
 */
export function normaliseUid(input: string): string | undefined {
  const match = input
    .toUpperCase()
    .replace(/[.\s-]/g, '')
    .match(/^CHE(\d{9})$/);
  if (!match?.[1]) return undefined;
  const digits = match[1];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return (check === 11 ? 0 : check) === Number(digits[8]) ? `CHE${digits}` : undefined;
}

export function formatUid(normalised: string): string {
  const d = normalised.slice(3);
  return `CHE-${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`;
}
