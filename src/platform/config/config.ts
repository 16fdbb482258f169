import path from 'node:path';
import type { SecretPurpose } from '../crypto/secrets.ts';
import { deploymentProblems } from './deployment-rules.ts';
import { type Env, envSchema } from './env-schema.ts';

/** Everything Guichet reads from its environment, parsed once and typed. */
export interface Config {
  /** Where the embedded PostgreSQL and other local state live. */
  dataDir: string;
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded server is started in `dataDir`. */
  databaseUrl: string | undefined;
  /** Connections kept for the hot statements' generic plans; 0 for a pooler without prepared statements. */
  databaseGenericPlans: number;
  /** The origin users see, e.g. https://guichet.vs.ch; decides cookie security. */
  publicUrl: string;
  /** The root secret every purpose's keys are derived from; generated and kept in the database when absent. */
  secret: string | undefined;
  /** Which generation of each purpose's key is current (`SECRET_GENERATIONS`); 1 when not named. */
  secretGenerations: Partial<Record<SecretPurpose, number>>;
  logLevel: string;
  /** Run the job worker inside `serve` (off when a separate `guichet worker` runs). */
  workerInServe: boolean;
  workerConcurrency: number;
  /** Bearer token required by /metrics when set. */
  metricsToken: string | undefined;
  /** A separate listener for /metrics only (e.g. on an internal interface); off the site's port then. */
  metrics: { port: number; host: string } | undefined;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Demo mode: the development identity provider and the business-application simulators are served. */
  demo: boolean;
  /** External OpenID Connect providers, as JSON (see README). */
  identityProvidersJson: string | undefined;
  /** Outgoing mail server; without it, mails are logged (demo). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The `Contact` of security.txt: SECURITY_CONTACT, or security@ the public host. */
  securityContact: string;
  /** The SMS gateway; the simulator in demo mode, logged when neither. */
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  smsSender: string;
  /** The commercial register's lookup API; the simulator in demo mode. */
  commercialRegisterUrl: string;
  /**
   * The cantonal tax system's API, read live by the tax services (nothing is copied): its address and
   * bearer token; the simulator in demo mode, not connected otherwise unless configured.
   */
  taxSystem: { url: string | undefined; token: string | undefined };
  /** `id:base64key,…`, current first: the keys that wrap each document's own key and seal secrets at rest. */
  masterKeys: string | undefined;
  /** Where encrypted documents are kept. */
  documentStore: DocumentStoreConfig;
  /** Days before an unread document is announced again, and before the authority is asked to post it. */
  documentReminderDays: number;
  documentFallbackDays: number;
  /** The payment provider (Datatrans' JSON API); the simulator in demo mode, none otherwise. */
  payments: PaymentProviderConfig | undefined;
  /** Where each provider is reached, for the authorities' own merchants (the simulators in demo mode). */
  paymentEndpoints: {
    datatrans: { apiUrl: string; payUrl: string };
    saferpay: { apiUrl: string };
  };
  /** ClamAV's daemon (`tcp://host:3310`, `unix:///path`): uploads wait in quarantine until it finds them clean. */
  clamdUrl: string | undefined;
  seal: SealConfig;
  swiyu: SwiyuConfig;
}

/**
 * The federal e-ID's generic services, as deployed by the canton (docs/e-id.md): the verifier, which
 * logs people in from their wallet, and the issuer, which puts Guichet's attestations into it. Each is
 * off when its address is not set (the simulators in demo mode).
 */
export interface SwiyuConfig {
  verifier: { url: string; token: string | undefined; eidIssuerDids: string[] } | undefined;
  issuer: { url: string; token: string | undefined; statusList: string | undefined } | undefined;
}

/**
 * The DID of the simulated wallet's test e-ID issuer (src/simulators/swiyu-wallet/eid-issuer.ts, a test
 * checks they agree): accepted in demo mode only, never a real e-ID.
 */
export const demoEidIssuerDid =
  'did:jwk:eyJrdHkiOiJFQyIsImNydiI6IlAtMjU2IiwieCI6IjMtNDFmU0FpbXA1d2FsNVdILWU2Q25scl9IMFJXSF9HN0I3RExOekNJNWciLCJ5IjoiTkJ0WG9KLVJjR0pVTjRQX2dCUG9rVzFYNFV4ZWswY2lCN01yLXFEc05pSSJ9';

/**
 * Each authority's electronic seal: its PKCS#12 (`<authority slug>.p12` in `pkcs12.directory`), or,
 * in demo mode or when allowed, a certificate from the local CA; and the RFC 3161 timestamp authority.
 */
export interface SealConfig {
  /** The timestamp authority; the simulator in demo mode, none otherwise (sealing then fails). */
  tsaUrl: string | undefined;
  pkcs12: { directory: string; password: string } | undefined;
  /** Whether an authority without a PKCS#12 gets a seal from the local CA (always in demo mode). */
  localCa: boolean;
}

export interface PaymentProviderConfig {
  /** e.g. https://api.sandbox.datatrans.com */
  apiUrl: string;
  /** e.g. https://pay.sandbox.datatrans.com: where the person is sent to pay */
  payUrl: string;
  merchantId: string;
  password: string;
  /** The hex HMAC key that signs the provider's webhooks. */
  signKey: string;
}

export type DocumentStoreConfig =
  | { kind: 'postgres' }
  | { kind: 'folder'; directory: string }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
    };

/** Every problem of the environment at once, one line each, so that one start shows them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Guichet cannot start: the environment has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (see README, "Configuration"):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment once; throws a `ConfigError` listing everything wrong with it. */
export function loadConfig(raw: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  // Variable by variable, so that one bad value does not hide the rules that depend on the others.
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(envSchema.shape)) {
    const result = schema.safeParse(raw[name]);
    if (result.success) values[name] = result.data;
    else problems.push(...result.error.issues.map((issue) => `${name} ${issue.message}`));
  }
  const env = values as Env;
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`;
  problems.push(...deploymentProblems(env, raw, publicUrl));
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(env, publicUrl);
}

function toConfig(env: Env, publicUrl: string): Config {
  const demo = env.GUICHET_DEMO;
  const dataDir = path.resolve(env.GUICHET_DATA_DIR);
  return {
    dataDir,
    port: env.PORT ?? 3000,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    databaseGenericPlans: env.DATABASE_GENERIC_PLANS,
    publicUrl,
    secret: env.GUICHET_SECRET,
    secretGenerations: env.SECRET_GENERATIONS,
    logLevel: env.LOG_LEVEL,
    workerInServe: env.GUICHET_WORKER_IN_SERVE,
    workerConcurrency: env.GUICHET_WORKER_CONCURRENCY,
    metricsToken: env.METRICS_TOKEN,
    metrics: env.METRICS_PORT === undefined ? undefined : { port: env.METRICS_PORT, host: env.METRICS_HOST },
    trustProxy: env.TRUST_PROXY,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    demo,
    identityProvidersJson: env.GUICHET_IDENTITY_PROVIDERS,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    securityContact: env.SECURITY_CONTACT ?? `mailto:security@${new URL(publicUrl).hostname}`,
    smsGatewayUrl: env.SMS_GATEWAY_URL ?? (demo ? `${publicUrl}/simulators/sms-gateway` : undefined),
    // The demo's simulator shares this token; a real gateway's is configured.
    smsGatewayToken: env.SMS_GATEWAY_TOKEN ?? (demo && !env.SMS_GATEWAY_URL ? 'demo-sms-gateway' : undefined),
    smsSender: env.SMS_SENDER,
    // Outside the demo the rules above insist on a real address.
    commercialRegisterUrl: env.COMMERCIAL_REGISTER_URL ?? `${publicUrl}/simulators/commercial-register`,
    taxSystem: {
      url: env.TAX_SYSTEM_URL ?? (demo ? `${publicUrl}/simulators/tax-system/api/v1` : undefined),
      // The demo's simulator shares this token; a real tax system's is configured.
      token: env.TAX_SYSTEM_TOKEN ?? (demo && !env.TAX_SYSTEM_URL ? 'demo-tax-system' : undefined),
    },
    masterKeys: env.MASTER_KEYS,
    documentStore: documentStore(env, dataDir),
    documentReminderDays: env.DOCUMENT_REMINDER_DAYS,
    documentFallbackDays: env.DOCUMENT_FALLBACK_DAYS,
    payments: paymentProvider(env, publicUrl),
    paymentEndpoints: {
      datatrans: {
        apiUrl:
          env.DATATRANS_API_URL ??
          (env.GUICHET_DEMO ? `${publicUrl}/simulators/datatrans/api` : 'https://api.datatrans.com'),
        payUrl:
          env.DATATRANS_PAY_URL ??
          (env.GUICHET_DEMO ? `${publicUrl}/simulators/datatrans/pay` : 'https://pay.datatrans.com'),
      },
      saferpay: {
        apiUrl:
          env.SAFERPAY_API_URL ??
          (env.GUICHET_DEMO ? `${publicUrl}/simulators/saferpay/api` : 'https://www.saferpay.com/api'),
      },
    },
    clamdUrl: env.CLAMD_URL,
    seal: {
      tsaUrl: env.TSA_URL ?? (demo ? `${publicUrl}/simulators/tsa` : undefined),
      pkcs12:
        env.SEAL_PKCS12_DIR && env.SEAL_PKCS12_PASSWORD
          ? { directory: path.resolve(env.SEAL_PKCS12_DIR), password: env.SEAL_PKCS12_PASSWORD }
          : undefined,
      // A local CA's seal proves nothing to outsiders: outside the demo only when explicitly allowed.
      localCa: demo || env.SEAL_LOCAL_CA,
    },
    swiyu: swiyu(env, publicUrl),
  };
}

function swiyu(env: Env, publicUrl: string): SwiyuConfig {
  const demo = env.GUICHET_DEMO;
  const verifierUrl = env.SWIYU_VERIFIER_URL ?? (demo ? `${publicUrl}/simulators/swiyu-verifier` : undefined);
  const issuerUrl = env.SWIYU_ISSUER_URL ?? (demo ? `${publicUrl}/simulators/swiyu-issuer` : undefined);
  return {
    verifier: verifierUrl
      ? {
          url: verifierUrl,
          token: env.SWIYU_VERIFIER_TOKEN,
          eidIssuerDids: env.SWIYU_EID_ISSUER_DIDS ?? (demo ? [demoEidIssuerDid] : []),
        }
      : undefined,
    issuer: issuerUrl
      ? { url: issuerUrl, token: env.SWIYU_ISSUER_TOKEN, statusList: env.SWIYU_ISSUER_STATUS_LIST }
      : undefined,
  };
}

function paymentProvider(env: Env, publicUrl: string): PaymentProviderConfig | undefined {
  if (env.DATATRANS_MERCHANT_ID && env.DATATRANS_PASSWORD && env.DATATRANS_SIGN_KEY) {
    return {
      apiUrl: env.DATATRANS_API_URL ?? 'https://api.datatrans.com',
      payUrl: env.DATATRANS_PAY_URL ?? 'https://pay.datatrans.com',
      merchantId: env.DATATRANS_MERCHANT_ID,
      password: env.DATATRANS_PASSWORD,
      signKey: env.DATATRANS_SIGN_KEY,
    };
  }
  if (!env.GUICHET_DEMO) return undefined;
  const simulator = `${publicUrl}/simulators/datatrans`;
  // The simulator's own credentials: it is served in demo mode only.
  return {
    apiUrl: `${simulator}/api`,
    payUrl: `${simulator}/pay`,
    merchantId: '1100000000',
    password: 'simulator',
    signKey: '5a1f0c6e2b7d4c9aa3e8f1b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1',
  };
}

function documentStore(env: Env, dataDir: string): DocumentStoreConfig {
  if (env.DOCUMENT_STORE === 'folder')
    return {
      kind: 'folder',
      directory: path.resolve(env.DOCUMENT_STORE_DIR ?? path.join(dataDir, 'documents')),
    };
  if (env.DOCUMENT_STORE === 's3')
    return {
      kind: 's3',
      // Present: the rules refuse s3 without them.
      endpoint: env.S3_ENDPOINT ?? '',
      bucket: env.S3_BUCKET ?? '',
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? '',
    };
  return { kind: 'postgres' };
}
