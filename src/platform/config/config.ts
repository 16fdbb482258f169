import path from 'node:path';

/** Everything Guichet reads from its environment, parsed once and typed. */
export interface Config {
  /** Where the embedded PostgreSQL and other local state live. */
  dataDir: string;
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded server is started in `dataDir`. */
  databaseUrl: string | undefined;
  /** The origin users see, e.g. https://guichet.vs.ch; decides cookie security. */
  publicUrl: string;
  /** Secret for CSRF tokens; generated and kept in the database when absent. */
  secret: string | undefined;
  logLevel: string;
  /** Run the job worker inside `serve` (off when a separate `guichet worker` runs). */
  workerInServe: boolean;
  workerConcurrency: number;
  /** Bearer token required by /metrics when set. */
  metricsToken: string | undefined;
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
  /** The SMS gateway; the simulator in demo mode, logged when neither. */
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  smsSender: string;
  /** The commercial register's lookup API; the simulator in demo mode. */
  commercialRegisterUrl: string;
  /** `id:base64key,…`, current first: the keys that wrap each document's own key and seal secrets at rest. */
  masterKeys: string | undefined;
  /** Where encrypted documents are kept. */
  documentStore: DocumentStoreConfig;
  /** Days before an unread document is announced again, and before the authority is asked to post it. */
  documentReminderDays: number;
  documentFallbackDays: number;
  /** The payment provider (Datatrans' JSON API); the simulator in demo mode, none otherwise. */
  payments: PaymentProviderConfig | undefined;
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

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, 'PORT', 3000);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const demo = boolean(env, 'GUICHET_DEMO', false);
  return {
    dataDir: path.resolve(env.GUICHET_DATA_DIR ?? 'var'),
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    publicUrl,
    secret: env.GUICHET_SECRET || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    workerInServe: boolean(env, 'GUICHET_WORKER_IN_SERVE', true),
    workerConcurrency: integer(env, 'GUICHET_WORKER_CONCURRENCY', 4),
    metricsToken: env.METRICS_TOKEN || undefined,
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: integer(env, 'SESSION_ABSOLUTE_HOURS', 12),
    demo,
    identityProvidersJson: env.GUICHET_IDENTITY_PROVIDERS || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Guichet <no-reply@localhost>',
    smsGatewayUrl: env.SMS_GATEWAY_URL || (demo ? `${publicUrl}/simulators/sms-gateway` : undefined),
    // The demo's simulator shares this token; a real gateway's is configured.
    smsGatewayToken: env.SMS_GATEWAY_TOKEN || (demo && !env.SMS_GATEWAY_URL ? 'demo-sms-gateway' : undefined),
    smsSender: env.SMS_SENDER ?? 'Guichet',
    commercialRegisterUrl: env.COMMERCIAL_REGISTER_URL ?? `${publicUrl}/simulators/commercial-register`,
    masterKeys: env.MASTER_KEYS || undefined,
    documentStore: documentStore(env, path.resolve(env.GUICHET_DATA_DIR ?? 'var')),
    documentReminderDays: integer(env, 'DOCUMENT_REMINDER_DAYS', 7),
    documentFallbackDays: integer(env, 'DOCUMENT_FALLBACK_DAYS', 21),
    payments: paymentProvider(env, demo, publicUrl),
  };
}

function paymentProvider(env: Env, demo: boolean, publicUrl: string): PaymentProviderConfig | undefined {
  if (!env.DATATRANS_MERCHANT_ID) {
    if (!demo) return undefined;
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
  const required = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`DATATRANS_MERCHANT_ID is set: ${name} is needed too`);
    return value;
  };
  const signKey = required('DATATRANS_SIGN_KEY');
  if (!/^([0-9a-f]{2})+$/i.test(signKey)) throw new Error('DATATRANS_SIGN_KEY must be hexadecimal');
  return {
    apiUrl: (env.DATATRANS_API_URL ?? 'https://api.datatrans.com').replace(/\/$/, ''),
    payUrl: (env.DATATRANS_PAY_URL ?? 'https://pay.datatrans.com').replace(/\/$/, ''),
    merchantId: env.DATATRANS_MERCHANT_ID,
    password: required('DATATRANS_PASSWORD'),
    signKey,
  };
}

function documentStore(env: Env, dataDir: string): DocumentStoreConfig {
  const kind = env.DOCUMENT_STORE ?? 'postgres';
  if (kind === 'postgres') return { kind };
  if (kind === 'folder')
    return { kind, directory: path.resolve(env.DOCUMENT_STORE_DIR ?? path.join(dataDir, 'documents')) };
  if (kind === 's3') {
    const required = (name: string) => {
      const value = env[name];
      if (!value) throw new Error(`DOCUMENT_STORE=s3 needs ${name}`);
      return value;
    };
    return {
      kind,
      endpoint: required('S3_ENDPOINT'),
      bucket: required('S3_BUCKET'),
      region: env.S3_REGION ?? 'us-east-1',
      accessKeyId: required('S3_ACCESS_KEY_ID'),
      secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
    };
  }
  throw new Error(`DOCUMENT_STORE must be postgres, folder or s3, got "${kind}"`);
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}
