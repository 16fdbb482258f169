import type { Env } from './env-schema.ts';

/**
 * Rules between variables, and what a real deployment needs that the demo provides itself: each broken
 * rule is one sentence naming the variable. Outside demo mode nothing may point at a simulator or at
 * the development identity provider (they are not served), the master keys must be set, and /metrics
 * must not be public.
 */
export function deploymentProblems(
  env: Env,
  raw: Record<string, string | undefined>,
  publicUrl: string,
): string[] {
  const problems: string[] = [];
  // Set but invalid is already reported, as what is wrong with it.
  const need = (name: keyof Env, because: string) => {
    if (!raw[name]) problems.push(`${name} is required ${because}`);
  };
  if (env.DOCUMENT_STORE === 's3')
    for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const)
      need(name, 'when DOCUMENT_STORE is s3');
  if (env.DATATRANS_MERCHANT_ID)
    for (const name of ['DATATRANS_PASSWORD', 'DATATRANS_SIGN_KEY'] as const)
      need(name, 'when DATATRANS_MERCHANT_ID is set');
  if (env.SEAL_PKCS12_DIR) need('SEAL_PKCS12_PASSWORD', 'when SEAL_PKCS12_DIR is set');
  if (env.SWIYU_VERIFIER_URL && !env.GUICHET_DEMO)
    need(
      'SWIYU_EID_ISSUER_DIDS',
      'when SWIYU_VERIFIER_URL is set: only e-IDs from these issuers are accepted',
    );
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT)
    problems.push('METRICS_PORT must differ from PORT: metrics are served apart from the site');
  if (env.GUICHET_DEMO) return problems;

  need('MASTER_KEYS', 'outside demo mode: documents and second-factor seeds are encrypted with it');
  need(
    'COMMERCIAL_REGISTER_URL',
    'outside demo mode: the simulator it would otherwise use is served in demo mode only',
  );
  if (!env.METRICS_TOKEN && env.METRICS_PORT === undefined)
    problems.push(
      'METRICS_TOKEN or METRICS_PORT is required outside demo mode: /metrics must not be public (see README)',
    );
  const external = {
    COMMERCIAL_REGISTER_URL: env.COMMERCIAL_REGISTER_URL,
    SMS_GATEWAY_URL: env.SMS_GATEWAY_URL,
    TSA_URL: env.TSA_URL,
    TAX_SYSTEM_URL: env.TAX_SYSTEM_URL,
    DATATRANS_API_URL: env.DATATRANS_MERCHANT_ID ? env.DATATRANS_API_URL : undefined,
    DATATRANS_PAY_URL: env.DATATRANS_MERCHANT_ID ? env.DATATRANS_PAY_URL : undefined,
    SWIYU_VERIFIER_URL: env.SWIYU_VERIFIER_URL,
    SWIYU_ISSUER_URL: env.SWIYU_ISSUER_URL,
  };
  for (const [name, value] of Object.entries(external)) {
    if (value && servedOnlyInDemo(value, publicUrl, '/simulators/'))
      problems.push(`${name} points at a simulator (${value}), which is served in demo mode only`);
  }
  for (const provider of identityProviders(env.GUICHET_IDENTITY_PROVIDERS)) {
    if (servedOnlyInDemo(provider.issuer, publicUrl, '/dev-idp'))
      problems.push(
        `GUICHET_IDENTITY_PROVIDERS: "${provider.id}" has the development provider's issuer (${provider.issuer}), which is served in demo mode only`,
      );
  }
  return problems;
}

/** Whether an address is one of this instance's demo-only paths (by its public address or loopback). */
function servedOnlyInDemo(address: string, publicUrl: string, prefix: string): boolean {
  let target: URL;
  try {
    target = new URL(address);
  } catch {
    return false;
  }
  const ours =
    target.origin === new URL(publicUrl).origin ||
    ['localhost', '127.0.0.1', '[::1]'].includes(target.hostname);
  return ours && target.pathname.startsWith(prefix);
}

function identityProviders(json: string | undefined): { id: string; issuer: string }[] {
  const parsed: unknown = json ? JSON.parse(json) : [];
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry: { id?: unknown; issuer?: unknown }) =>
    typeof entry?.issuer === 'string' ? [{ id: String(entry.id), issuer: entry.issuer }] : [],
  );
}
