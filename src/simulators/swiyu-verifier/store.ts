import { randomBytes, randomUUID } from 'node:crypto';

/** The verifier's management API states (`VerificationStatus`). */
export type VerificationState = 'PENDING' | 'SUCCESS' | 'FAILED';

export interface DcqlQuery {
  credentials: Array<{
    id: string;
    format: string;
    meta?: { vct_values?: string[] };
    claims?: Array<{ id?: string; path: Array<string | number | null>; values?: unknown[] }>;
    require_cryptographic_holder_binding?: boolean;
  }>;
  credential_sets?: unknown[];
}

export interface WalletResponse {
  error_code?: string;
  error_description?: string;
  credential_subject_data?: Record<string, unknown>;
}

export interface Verification {
  id: string;
  nonce: string;
  state: VerificationState;
  dcqlQuery: DcqlQuery;
  acceptedIssuerDids: string[] | null;
  responseMode: 'direct_post' | 'direct_post.jwt';
  walletResponse: WalletResponse | undefined;
  expiresAt: number;
}

/** Kept in memory, as the real verifier keeps a verification only for its short lifetime. */
const verifications = new Map<string, Verification>();
/** The real service's default: a verification lives 900 s. */
const lifetimeMs = 900_000;

export function createVerification(
  input: Pick<Verification, 'dcqlQuery' | 'acceptedIssuerDids' | 'responseMode'>,
): Verification {
  const verification: Verification = {
    id: randomUUID(),
    nonce: randomBytes(24).toString('base64url'),
    state: 'PENDING',
    walletResponse: undefined,
    expiresAt: Date.now() + lifetimeMs,
    ...input,
  };
  verifications.set(verification.id, verification);
  return verification;
}

/** A verification still alive; an expired one is gone (404), as the real service answers. */
export function findVerification(id: string): Verification | undefined {
  const verification = verifications.get(id);
  if (verification && verification.expiresAt < Date.now()) {
    verifications.delete(id);
    return undefined;
  }
  return verification;
}
