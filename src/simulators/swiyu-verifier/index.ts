import { signJwt } from '../../platform/crypto/verifiable-credentials.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { GuichetModule, Platform } from '../../platform/module.ts';
import { checkPresentation, PresentationRefused } from './check-presentation.ts';
import { verifierClientId, verifierDid, verifierKey } from './keys.ts';
import { createVerification, type DcqlQuery, findVerification, type Verification } from './store.ts';

export const verifierSimulatorPath = '/simulators/swiyu-verifier';
const none = { none: 'a simulator of the federal swiyu-verifier service (demo and tests)' } as const;
/** The header swiyu's request objects carry (Swiss profile). */
const profileVersion = 'swiss-profile-verification:1.0.0';

/**
 * A stand-in for the federal generic verifier (`swiyu-verifier`): its management API
 * (`/management/api/verifications`) and its OpenID4VP endpoints (signed request object, direct_post
 * response), with the field names and states of its OpenAPI description (docs/swiyu/verifier-openapi.yaml).
 * It checks presentations with real cryptography (check-presentation.ts). Demo mode and tests only.
 */
export const swiyuVerifierSimulator: GuichetModule = {
  name: 'swiyu-verifier-simulator',
  routes: (platform) => verifierRoutes(platform),
};

function managementResponse(base: string, verification: Verification) {
  const requestUri = `${base}/oid4vp/api/request-object/${verification.id}`;
  const deeplink = new URL('swiyu-verify://');
  deeplink.searchParams.set('client_id', verifierClientId);
  deeplink.searchParams.set('request_uri', requestUri);
  return {
    id: verification.id,
    request_nonce: verification.nonce,
    state: verification.state,
    dcql_query: verification.dcqlQuery,
    ...(verification.walletResponse ? { wallet_response: verification.walletResponse } : {}),
    verification_url: requestUri,
    verification_deeplink: deeplink.href,
  };
}

function verifierRoutes(platform: Platform): RouteDef[] {
  const base = `${platform.config.publicUrl}${verifierSimulatorPath}`;
  return [
    {
      method: 'POST',
      path: `${verifierSimulatorPath}/management/api/verifications`,
      access: 'machine',
      async handler(c) {
        const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
        const query = body.dcql_query as DcqlQuery | undefined;
        if (!query || !Array.isArray(query.credentials) || query.credentials.length === 0)
          return c.json({ error: 'Bad Request', detail: 'dcql_query.credentials must not be empty' }, 400);
        const accepted = body.accepted_issuer_dids;
        const verification = createVerification({
          dcqlQuery: query,
          acceptedIssuerDids: Array.isArray(accepted) ? accepted.map(String) : null,
          responseMode: body.response_mode === 'direct_post.jwt' ? 'direct_post.jwt' : 'direct_post',
        });
        return c.json(managementResponse(base, verification));
      },
    },
    {
      method: 'GET',
      path: `${verifierSimulatorPath}/management/api/verifications/:id`,
      access: 'machine',
      object: none,
      handler(c) {
        const verification = findVerification(c.req.param('id') ?? '');
        if (!verification)
          return c.json({ error: 'Not Found', detail: 'Verification not found or already expired' }, 404);
        return c.json(managementResponse(base, verification));
      },
    },
    {
      method: 'GET',
      path: `${verifierSimulatorPath}/oid4vp/api/request-object/:id`,
      access: 'anonymous',
      object: none,
      async handler(c) {
        const verification = findVerification(c.req.param('id') ?? '');
        if (verification?.state !== 'PENDING')
          return c.json({ error: 'authorization_request_object_not_found' }, 404);
        const jwt = await signJwt(
          verifierKey,
          { typ: 'oauth-authz-req+jwt', kid: `${verifierDid}#0`, profile_version: profileVersion },
          {
            iss: verifierClientId,
            aud: 'https://self-issued.me/v2',
            client_id: verifierClientId,
            response_type: 'vp_token',
            response_mode: verification.responseMode,
            response_uri: `${base}/oid4vp/api/request-object/${verification.id}/response-data`,
            nonce: verification.nonce,
            dcql_query: verification.dcqlQuery,
            client_metadata: {
              client_name: 'Guichet (simulated verifier)',
              vp_formats_supported: {
                'dc+sd-jwt': { 'sd-jwt_alg_values': ['ES256'], 'kb-jwt_alg_values': ['ES256'] },
              },
            },
            encrypted_response_enc_values_supported: [],
          },
        );
        return c.body(jwt, 200, { 'Content-Type': 'application/oauth-authz-req+jwt' });
      },
    },
    {
      method: 'POST',
      path: `${verifierSimulatorPath}/oid4vp/api/request-object/:id/response-data`,
      access: 'machine',
      object: none,
      async handler(c) {
        const verification = findVerification(c.req.param('id') ?? '');
        if (verification?.state !== 'PENDING')
          return c.json(
            { error: 'invalid_request', error_description: 'authorization_request_object_not_found' },
            400,
          );
        const form = new URLSearchParams(await c.req.text());
        if (form.get('error')) {
          // The holder declined (OpenID4VP §8.5): the verification ends, as the real service records it.
          verification.state = 'FAILED';
          verification.walletResponse = {
            error_code: 'client_rejected',
            error_description: form.get('error_description') ?? form.get('error') ?? '',
          };
          return c.json({});
        }
        let vpToken: unknown;
        try {
          vpToken = JSON.parse(form.get('vp_token') ?? '');
        } catch {
          vpToken = form.get('vp_token');
        }
        try {
          verification.walletResponse = await checkPresentation(verification, vpToken);
          verification.state = 'SUCCESS';
          return c.json({});
        } catch (error) {
          const refusal =
            error instanceof PresentationRefused
              ? error
              : new PresentationRefused('credential_invalid', String(error));
          verification.state = 'FAILED';
          verification.walletResponse = { error_code: refusal.code, error_description: refusal.message };
          return c.json(
            { error: 'invalid_request', error_description: refusal.message, error_code: refusal.code },
            400,
          );
        }
      },
    },
  ];
}
