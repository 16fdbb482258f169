import type { SwiyuConfig } from '../../../platform/config/config.ts';

/** The states of the verifier's management API (`VerificationStatus`). */
export type VerificationState = 'PENDING' | 'SUCCESS' | 'FAILED';

export interface Verification {
  id: string;
  state: VerificationState;
  deepLink: string;
  /** The verified, disclosed claims (`wallet_response.credential_subject_data`) when SUCCESS. */
  claims: Record<string, unknown> | undefined;
  /** `wallet_response.error_code` when FAILED. */
  errorCode: string | undefined;
}

/** What Guichet asks the wallet for: one e-ID, of the accepted issuers, with only these claims. */
export interface PresentationRequest {
  vct: string;
  claims: readonly string[];
  acceptedIssuerDids: string[];
}

export class VerifierUnavailable extends Error {}

/**
 * The client of the federal generic verifier's management API (swiyu-verifier, `openapi.yaml`:
 * `POST /management/api/verifications`, `GET /management/api/verifications/{verificationId}`), the same
 * against the simulator and a real deployment. `undefined` from `get`: expired or unknown (404).
 */
export function swiyuVerifier(config: NonNullable<SwiyuConfig['verifier']>) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (config.token) headers.Authorization = `Bearer ${config.token}`;

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(`${config.url}${path}`, {
        ...init,
        headers: { ...headers, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new VerifierUnavailable(String(error));
    }
  }

  return {
    async create(request: PresentationRequest): Promise<Verification> {
      const response = await call('/management/api/verifications', {
        method: 'POST',
        body: JSON.stringify({
          accepted_issuer_dids: request.acceptedIssuerDids,
          jwt_secured_authorization_request: true,
          response_mode: 'direct_post',
          dcql_query: {
            credentials: [
              {
                id: 'eid',
                format: 'dc+sd-jwt',
                meta: { vct_values: [request.vct] },
                claims: request.claims.map((claim) => ({ path: [claim] })),
                require_cryptographic_holder_binding: true,
              },
            ],
          },
        }),
      });
      if (!response.ok) throw new VerifierUnavailable(`verifier answered ${response.status}`);
      return toVerification(await response.json());
    },
    async get(id: string): Promise<Verification | undefined> {
      const response = await call(`/management/api/verifications/${encodeURIComponent(id)}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new VerifierUnavailable(`verifier answered ${response.status}`);
      return toVerification(await response.json());
    },
  };
}

export type SwiyuVerifier = ReturnType<typeof swiyuVerifier>;

function toVerification(body: unknown): Verification {
  const answer = body as {
    id?: unknown;
    state?: unknown;
    verification_deeplink?: unknown;
    wallet_response?: { credential_subject_data?: Record<string, unknown>; error_code?: string };
  };
  const state = answer.state;
  if (typeof answer.id !== 'string' || (state !== 'PENDING' && state !== 'SUCCESS' && state !== 'FAILED'))
    throw new VerifierUnavailable('unexpected answer from the verifier');
  return {
    id: answer.id,
    state,
    deepLink: typeof answer.verification_deeplink === 'string' ? answer.verification_deeplink : '',
    claims: answer.wallet_response?.credential_subject_data,
    errorCode: answer.wallet_response?.error_code,
  };
}
