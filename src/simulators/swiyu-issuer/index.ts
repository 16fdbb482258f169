import type { RouteDef } from '../../platform/http/route.ts';
import type { GuichetModule, Platform } from '../../platform/module.ts';
import { credentialConfigurations } from './keys.ts';
import { issuerMetadata, oid4vciIssuer } from './oid4vci.ts';
import { type CredentialStatus, createOffer, offerById, statusList, statusListId } from './store.ts';
import { walletFacingRoutes } from './wallet-facing.ts';

export const issuerSimulatorPath = '/simulators/swiyu-issuer';
const none = { none: 'a simulator of the federal swiyu-issuer service (demo and tests)' } as const;

/** What a status change does to the credential's entry in the token status list. */
const statusBits: Partial<Record<CredentialStatus, number>> = {
  ISSUED: 0,
  READY: 0,
  REVOKED: 1,
  SUSPENDED: 2,
};
const settable = ['CANCELLED', 'READY', 'ISSUED', 'SUSPENDED', 'REVOKED'] as const;

/**
 * A stand-in for the federal generic issuer (`swiyu-issuer`): its management API (as in its
 * OpenAPI description, docs/swiyu/issuer-openapi.yaml) and its OpenID4VCI endpoints (pre-authorised
 * code, nonce, credential request with a proof of possession), issuing real SD-JWT VCs signed with a
 * test key and revoked through a real token status list. Served in demo mode and tests only.
 */
export const swiyuIssuerSimulator: GuichetModule = {
  name: 'swiyu-issuer-simulator',
  routes: (platform) => [...managementRoutes(platform), ...walletFacingRoutes(platform)],
};

export const issuerBase = (platform: Platform) => `${platform.config.publicUrl}${issuerSimulatorPath}`;

function managementRoutes(platform: Platform): RouteDef[] {
  const base = issuerBase(platform);
  return [
    {
      method: 'POST',
      path: `${issuerSimulatorPath}/management/api/credentials`,
      access: 'machine',
      object: none,
      async handler(c) {
        const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
        const ids = body.metadata_credential_supported_id;
        const id = Array.isArray(ids) && typeof ids[0] === 'string' ? ids[0] : undefined;
        if (!id || !(credentialConfigurations as readonly string[]).includes(id))
          return c.json(
            { error: 'Bad Request', error_description: 'unknown metadata_credential_supported_id' },
            400,
          );
        const subject = body.credential_subject_data;
        if (!subject || typeof subject !== 'object' || Array.isArray(subject))
          return c.json(
            { error: 'Bad Request', error_description: 'credential_subject_data is required' },
            400,
          );
        const offer = createOffer({
          configurationId: id,
          subjectData: subject as Record<string, unknown>,
          validUntil:
            typeof body.credential_valid_until === 'string' ? body.credential_valid_until : undefined,
          validitySeconds:
            typeof body.offer_validity_seconds === 'number' ? body.offer_validity_seconds : 86_400 * 30,
        });
        const { credentialOffer } = await oid4vciIssuer.createCredentialOffer({
          issuerMetadata: issuerMetadata(base),
          credentialConfigurationIds: [id],
          grants: {
            'urn:ietf:params:oauth:grant-type:pre-authorized_code': {
              'pre-authorized_code': offer.preAuthorizedCode,
            },
          },
          credentialOfferScheme: 'swiyu://',
        });
        return c.json({
          management_id: offer.managementId,
          offer_id: offer.offerId,
          offer_deeplink: credentialOffer,
        });
      },
    },
    {
      method: 'GET',
      path: `${issuerSimulatorPath}/management/api/credentials/:id/status`,
      access: 'machine',
      object: none,
      handler(c) {
        const offer = offerById(c.req.param('id') ?? '');
        return offer ? c.json({ status: offer.status }) : c.json({ error: 'Not Found' }, 404);
      },
    },
    {
      method: 'PATCH',
      path: `${issuerSimulatorPath}/management/api/credentials/:id/status`,
      access: 'machine',
      object: none,
      handler(c) {
        const offer = offerById(c.req.param('id') ?? '');
        if (!offer) return c.json({ error: 'Not Found' }, 404);
        const wanted = c.req.query('credentialStatus') as (typeof settable)[number] | undefined;
        if (!wanted || !settable.includes(wanted))
          return c.json({ error: 'Bad Request', error_description: 'credentialStatus' }, 400);
        // A revoked credential stays revoked, as the real service refuses to bring it back.
        if (offer.status === 'REVOKED' && wanted !== 'REVOKED')
          return c.json({ error: 'Bad Request', error_description: 'credential is revoked' }, 400);
        offer.status = wanted;
        const bits = statusBits[wanted];
        if (bits !== undefined) statusList.setStatus(offer.statusIndex, bits);
        return c.json({ id: offer.managementId, status: offer.status, status_lists: [statusListId] });
      },
    },
  ];
}
