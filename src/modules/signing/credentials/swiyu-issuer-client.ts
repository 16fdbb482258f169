import type { SwiyuConfig } from '../../../platform/config/config.ts';

/**
 * The client of the federal generic issuer's management API (swiyu-issuer, `openapi.yaml`):
 * `POST /management/api/credentials` (an offer and its deep link) and
 * `PATCH /management/api/credentials/{credentialManagementId}/status?credentialStatus=…`, the same
 * against the simulator and a real deployment.
 */
export function swiyuIssuer(config: NonNullable<SwiyuConfig['issuer']>) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (config.token) headers.Authorization = `Bearer ${config.token}`;

  async function call(path: string, init: RequestInit): Promise<Record<string, unknown>> {
    const response = await fetch(`${config.url}${path}`, {
      ...init,
      headers: { ...headers, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`swiyu-issuer answered ${response.status} to ${path}`);
    return (await response.json()) as Record<string, unknown>;
  }

  return {
    async offer(input: {
      configurationId: string;
      subjectData: Record<string, string>;
      validUntil: Date | null;
    }): Promise<{ managementId: string; offerDeeplink: string }> {
      const answer = await call('/management/api/credentials', {
        method: 'POST',
        body: JSON.stringify({
          metadata_credential_supported_id: [input.configurationId],
          credential_subject_data: input.subjectData,
          ...(input.validUntil ? { credential_valid_until: input.validUntil.toISOString() } : {}),
          ...(config.statusList ? { status_lists: [config.statusList] } : {}),
        }),
      });
      if (typeof answer.management_id !== 'string' || typeof answer.offer_deeplink !== 'string')
        throw new Error('swiyu-issuer gave no management_id or offer_deeplink');
      return { managementId: answer.management_id, offerDeeplink: answer.offer_deeplink };
    },
    async revoke(managementId: string): Promise<void> {
      await call(
        `/management/api/credentials/${encodeURIComponent(managementId)}/status?credentialStatus=REVOKED`,
        { method: 'PATCH' },
      );
    },
  };
}
