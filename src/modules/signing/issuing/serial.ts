import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so that a serial read aloud or typed from paper stays right.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A serial number: the year, then 10 random base32 characters (50 bits), e.g. `2026-7K3M9QX2PA`. */
export function newSerial(now: Date): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b & 31]).join('');
  return `${now.getUTCFullYear()}-${chars}`;
}
