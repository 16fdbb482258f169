import { randomBytes } from 'node:crypto';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import {
  authorizationServerMetadata,
  issuerMetadata,
  issueSdJwtVc,
  oid4vciIssuer,
  statusListJwt,
} from './oid4vci.ts';
import { newNonce, offerByCode, offerByToken, takeNonce } from './store.ts';

const path = '/simulators/swiyu-issuer';
const none = { none: 'a simulator of the federal swiyu-issuer service (demo and tests)' } as const;
const oauthError = (error: string, description: string) => ({ error, error_description: description });

/** The OpenID4VCI side the wallet talks to: metadata, token (pre-authorised code), nonce, credential, status list. */
export function walletFacingRoutes(platform: Platform): RouteDef[] {
  const base = `${platform.config.publicUrl}${path}`;
  return [
    {
      method: 'GET',
      path: `${path}/.well-known/openid-credential-issuer`,
      access: 'anonymous',
      handler: (c) => c.json(issuerMetadata(base).credentialIssuer),
    },
    {
      method: 'GET',
      path: `${path}/.well-known/oauth-authorization-server`,
      access: 'anonymous',
      handler: (c) => c.json(authorizationServerMetadata(base)),
    },
    {
      method: 'POST',
      path: `${path}/oid4vci/api/token`,
      access: 'machine',
      async handler(c) {
        const form = new URLSearchParams(await c.req.text());
        if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:pre-authorized_code')
          return c.json(oauthError('unsupported_grant_type', 'pre-authorized code only'), 400);
        const offer = offerByCode(form.get('pre-authorized_code') ?? '');
        if (offer?.status !== 'OFFERED' || offer.offerExpiresAt < Date.now())
          return c.json(oauthError('invalid_grant', 'unknown, used or expired pre-authorized code'), 400);
        offer.accessToken = randomBytes(32).toString('base64url');
        offer.status = 'IN_PROGRESS';
        return c.json({ access_token: offer.accessToken, token_type: 'Bearer', expires_in: 600 });
      },
    },
    {
      method: 'POST',
      path: `${path}/oid4vci/api/nonce`,
      access: 'machine',
      handler: (c) => {
        c.header('Cache-Control', 'no-store');
        return c.json(oid4vciIssuer.createNonceResponse({ cNonce: newNonce(), cNonceExpiresIn: 300 }));
      },
    },
    {
      method: 'POST',
      path: `${path}/oid4vci/api/credential`,
      access: 'machine',
      async handler(c) {
        const token = /^(?:Bearer|DPoP) (.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
        const offer = token ? offerByToken(token) : undefined;
        if (offer?.status !== 'IN_PROGRESS') return c.json(oauthError('invalid_token', 'access token'), 401);
        const metadata = issuerMetadata(base);
        const request = oid4vciIssuer.parseCredentialRequest({
          issuerMetadata: metadata,
          credentialRequest: (await c.req.json().catch(() => ({}))) as Record<string, unknown>,
        });
        const jwt = request.proofs?.jwt?.[0];
        if (!jwt) return c.json(oauthError('invalid_proof', 'a jwt proof is required'), 400);
        try {
          const proof = await oid4vciIssuer.verifyCredentialRequestJwtProof({
            jwt,
            issuerMetadata: metadata,
          });
          const nonce = proof.payload.nonce;
          if (typeof nonce !== 'string' || !takeNonce(nonce))
            return c.json(oauthError('invalid_nonce', 'unknown or used c_nonce'), 400);
          if (!proof.header.jwk)
            return c.json(oauthError('invalid_proof', 'the proof names its key by jwk'), 400);
          const credential = await issueSdJwtVc(base, offer, proof.header.jwk);
          offer.status = 'ISSUED';
          return c.json(
            oid4vciIssuer.createCredentialResponse({
              credentialRequest: request,
              credentials: [{ credential }],
            }),
          );
        } catch (error) {
          return c.json(oauthError('invalid_proof', (error as Error).message), 400);
        }
      },
    },
    {
      method: 'GET',
      path: `${path}/status-lists/:id`,
      access: 'anonymous',
      object: none,
      async handler(c) {
        return c.body(await statusListJwt(base), 200, { 'Content-Type': 'application/statuslist+jwt' });
      },
    },
  ];
}
