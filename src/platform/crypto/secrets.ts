import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * What the root secret (`GUICHET_SECRET`) is used for. Each purpose gets its own key, derived with HKDF
 * and numbered by a generation (`SECRET_GENERATIONS`), so that one can be rotated without touching the
 * others; the README says what rotating each one does.
 */
export const secretPurposes = [
  /** CSRF tokens in forms and the X-CSRF-Token header. */
  'csrf',
  /** The keys the cases module signs each service's webhooks with. */
  'webhooks',
  /** The cookies of Guichet's own OpenID provider (its login sessions with applications). */
  'oidc-cookies',
  /** Pairwise subject identifiers Guichet's OpenID provider gives each application. */
  'oidc-subjects',
  /** The development identity provider's cookies and its client secret (demo only). */
  'dev-idp',
  /** The codes sent by SMS to confirm a mobile number. */
  'mobile-codes',
  /** The cookie by which a browser where someone logged in before skips the password slow-down. */
  'login-devices',
] as const;

export type SecretPurpose = (typeof secretPurposes)[number];

/** One purpose's key of one generation; `id` (`v2`) travels with what it signs. */
export interface PurposeKey {
  id: string;
  key: Buffer;
}

export interface Secrets {
  /** The key new tokens and signatures are made with. */
  current(purpose: SecretPurpose): PurposeKey;
  /**
   * The keys still accepted, current first: the current generation and the one before it, so that
   * what was issued just before a rotation (an open form, a cookie, a code on its way) still works.
   */
  accepted(purpose: SecretPurpose): PurposeKey[];
}

/**
 * Derives every purpose's keys from the root secret.
 *
 * @example deriveSecrets(root, { csrf: 2 }).current('csrf') // { id: 'v2', key: <32 bytes> }
 */
export function deriveSecrets(
  root: string,
  generations: Partial<Record<SecretPurpose, number>> = {},
): Secrets {
  const derive = (purpose: SecretPurpose, generation: number): PurposeKey => ({
    id: `v${generation}`,
    key: Buffer.from(hkdfSync('sha256', root, 'guichet', `${purpose}/v${generation}`, 32)),
  });
  const keys = new Map(
    secretPurposes.map((purpose) => {
      const generation = generations[purpose] ?? 1;
      const current = derive(purpose, generation);
      return [purpose, generation > 1 ? [current, derive(purpose, generation - 1)] : [current]] as const;
    }),
  );
  const accepted = (purpose: SecretPurpose) => keys.get(purpose) ?? [];
  return {
    accepted,
    current(purpose) {
      const [current] = accepted(purpose);
      if (!current) throw new Error(`No key for ${purpose}`);
      return current;
    },
  };
}

/** HMAC-SHA256 of `data` under a purpose key, base64url. */
export function mac(key: PurposeKey, data: string): string {
  return createHmac('sha256', key.key).update(data).digest('base64url');
}

/** Constant-time comparison of two texts (tokens, codes, signatures). */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
