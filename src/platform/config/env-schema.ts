import { z } from 'zod';
import { parseMasterKeys } from '../crypto/master-keys.ts';
import { type SecretPurpose, secretPurposes } from '../crypto/secrets.ts';

/*
 * One schema per variable, each with the message an operator needs: what is wrong and what is expected.
 * An empty value counts as unset. Rules that tie several variables together are in `deployment-rules.ts`.
 */

const optional = z
  .string()
  .optional()
  .transform((value) => value || undefined);

const text = (fallback: string) => optional.transform((value) => value ?? fallback);

function checked<T>(parse: (raw: string) => T | string) {
  return optional.transform((raw, ctx): T | undefined => {
    if (raw === undefined) return undefined;
    const result = parse(raw);
    if (typeof result === 'string') {
      ctx.addIssue({ code: 'custom', message: result });
      return z.NEVER;
    }
    return result;
  });
}

const whole = (fallback: number, min = 0) =>
  checked((raw) =>
    /^\d+$/.test(raw) && Number(raw) >= min
      ? { value: Number(raw) }
      : `must be a whole number${min > 0 ? ` of at least ${min}` : ''}, got "${raw}"`,
  ).transform((parsed) => parsed?.value ?? fallback);

const port = (fallback?: number) =>
  checked((raw) =>
    /^\d+$/.test(raw) && Number(raw) <= 65_535
      ? { value: Number(raw) }
      : `must be a port number (0 to 65535), got "${raw}"`,
  ).transform((parsed) => parsed?.value ?? fallback);

const flag = (fallback: boolean) =>
  checked((raw) => {
    if (['1', 'true', 'on', 'yes'].includes(raw)) return { value: true };
    if (['0', 'false', 'off', 'no'].includes(raw)) return { value: false };
    return `must be true or false, got "${raw}"`;
  }).transform((parsed) => parsed?.value ?? fallback);

const url = (protocols: string[]) =>
  checked((raw) => {
    const described = `must be an address starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;
    try {
      const parsed = new URL(raw);
      return protocols.includes(parsed.protocol)
        ? { value: raw.replace(/\/$/, '') }
        : `${described}, got "${raw}"`;
    } catch {
      return `${described}, got "${raw}"`;
    }
  }).transform((parsed) => parsed?.value);

const web = url(['http:', 'https:']);

const oneOf = <const T extends string>(values: readonly T[], fallback: T) =>
  checked((raw) =>
    (values as readonly string[]).includes(raw)
      ? { value: raw as T }
      : `must be one of ${values.join(', ')}, got "${raw}"`,
  ).transform((parsed) => parsed?.value ?? fallback);

/** `csrf=2,webhooks=3`: which generation of each purpose's key is current (1 when not named). */
const generations = checked((raw) => {
  const result: Partial<Record<SecretPurpose, number>> = {};
  for (const entry of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [purpose = '', generation = ''] = entry.split('=');
    if (!(secretPurposes as readonly string[]).includes(purpose))
      return `names an unknown purpose "${purpose}" (known: ${secretPurposes.join(', ')})`;
    if (!/^[1-9]\d{0,5}$/.test(generation))
      return `gives "${purpose}" the generation "${generation}": a whole number from 1`;
    result[purpose as SecretPurpose] = Number(generation);
  }
  return { value: result };
}).transform((parsed) => parsed?.value ?? {});

export const envSchema = z.object({
  GUICHET_DATA_DIR: text('var'),
  PORT: port(3000),
  HOST: text('0.0.0.0'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_GENERIC_PLANS: whole(4, 0),
  PUBLIC_URL: web,
  GUICHET_SECRET: checked((raw) =>
    raw.length >= 32 ? { value: raw } : `must be at least 32 characters long (e.g. openssl rand -base64 32)`,
  ).transform((parsed) => parsed?.value),
  SECRET_GENERATIONS: generations,
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], 'info'),
  GUICHET_WORKER_IN_SERVE: flag(true),
  GUICHET_WORKER_CONCURRENCY: whole(4, 1),
  METRICS_TOKEN: optional,
  /** Where vulnerability reports go, as `/.well-known/security.txt` gives it (a mailto: or https: URI). */
  SECURITY_CONTACT: optional,
  METRICS_PORT: port(),
  METRICS_HOST: text('127.0.0.1'),
  TRUST_PROXY: flag(false),
  SESSION_IDLE_MINUTES: whole(30, 1),
  SESSION_ABSOLUTE_HOURS: whole(12, 1),
  GUICHET_DEMO: flag(false),
  GUICHET_IDENTITY_PROVIDERS: checked((raw) => {
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? { value: raw } : 'must be a JSON array of providers (see README)';
    } catch {
      return 'is not valid JSON (see README for the form of each provider)';
    }
  }).transform((parsed) => parsed?.value),
  SMTP_URL: url(['smtp:', 'smtps:']),
  MAIL_FROM: text('Guichet <no-reply@localhost>'),
  SMS_GATEWAY_URL: web,
  SMS_GATEWAY_TOKEN: optional,
  SMS_SENDER: text('Guichet'),
  COMMERCIAL_REGISTER_URL: web,
  TAX_SYSTEM_URL: web,
  TAX_SYSTEM_TOKEN: optional,
  MASTER_KEYS: checked((raw) => {
    try {
      parseMasterKeys(raw);
      return { value: raw };
    } catch (error) {
      return (error as Error).message.replace(/^MASTER_KEYS: /, '');
    }
  }).transform((parsed) => parsed?.value),
  DOCUMENT_STORE: oneOf(['postgres', 'folder', 's3'], 'postgres'),
  DOCUMENT_STORE_DIR: optional,
  S3_ENDPOINT: web,
  S3_BUCKET: optional,
  S3_REGION: text('us-east-1'),
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  DOCUMENT_REMINDER_DAYS: whole(7, 1),
  DOCUMENT_FALLBACK_DAYS: whole(21, 1),
  CLAMD_URL: url(['tcp:', 'unix:']),
  DATATRANS_MERCHANT_ID: optional,
  DATATRANS_PASSWORD: optional,
  DATATRANS_SIGN_KEY: checked((raw) =>
    /^([0-9a-f]{2})+$/i.test(raw)
      ? { value: raw }
      : 'must be hexadecimal (the HMAC key from the Datatrans back office)',
  ).transform((parsed) => parsed?.value),
  DATATRANS_API_URL: web,
  DATATRANS_PAY_URL: web,
  TSA_URL: web,
  SEAL_PKCS12_DIR: optional,
  SEAL_PKCS12_PASSWORD: optional,
  SEAL_LOCAL_CA: flag(false),
  SAFERPAY_API_URL: web,
  SWIYU_VERIFIER_URL: web,
  SWIYU_VERIFIER_TOKEN: optional,
  SWIYU_EID_ISSUER_DIDS: checked((raw) => {
    const dids = raw
      .split(',')
      .map((did) => did.trim())
      .filter(Boolean);
    return dids.every((did) => /^did:[a-z0-9]+:\S+$/.test(did))
      ? { value: dids }
      : 'must be a comma-separated list of DIDs (did:…), the e-ID issuers accepted';
  }).transform((parsed) => parsed?.value),
  SWIYU_ISSUER_URL: web,
  SWIYU_ISSUER_TOKEN: optional,
  SWIYU_ISSUER_STATUS_LIST: web,
});

export type Env = z.infer<typeof envSchema>;
