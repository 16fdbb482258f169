import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const derive = promisify(argon2);

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const parameters = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 };

/** An argon2id hash in PHC string form, e.g. `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`. */
export async function hashPassword(password: string): Promise<string> {
  const nonce = randomBytes(16);
  const tag = await derive('argon2id', { message: password, nonce, ...parameters });
  const { memory: m, passes: t, parallelism: p } = parameters;
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${nonce.toString('base64url')}$${tag.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = stored.match(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/);
  if (!match) return false;
  const [, m, t, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const tag = await derive('argon2id', {
    message: password,
    nonce: Buffer.from(salt, 'base64url'),
    memory: Number(m),
    passes: Number(t),
    parallelism: Number(p),
    tagLength: expected.length,
  });
  return timingSafeEqual(tag, expected);
}

/** A hash to compare against when the e-mail is unknown, so that timing does not reveal who has an account. */
export const decoyHash = hashPassword(randomBytes(16).toString('hex'));

// The most common passwords of published breaches (a short list: the full corpus is not available
// offline here). Length does most of the work; no composition rules (NIST SP 800-63B, ASVS 2.1).
const common = new Set([
  '123456789012',
  'password1234',
  'qwertyuiop12',
  '111111111111',
  '123123123123',
  'passwordpassword',
  'iloveyou1234',
  'motdepasse123',
  'passwort1234',
  'azertyuiop12',
  'qwertzuiop12',
  'letmein12345',
  'welcome12345',
  'administrator',
  'changeme1234',
  'football1234',
  'monkey123456',
  'dragon123456',
  'sunshine1234',
  'princess1234',
  'abc123456789',
  'trustno11234',
  'starwars1234',
  'baseball1234',
]);

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsEmail';

/** At least 12 characters (spaces and any Unicode allowed), at most 128, not common, not the e-mail. */
export function checkNewPassword(password: string, email: string): PasswordProblem | undefined {
  const length = [...password.normalize('NFC')].length;
  if (length < 12) return 'tooShort';
  if (length > 128) return 'tooLong';
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'common';
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'containsEmail';
  return undefined;
}
