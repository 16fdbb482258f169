import { createHmac } from 'node:crypto';
import type { PurposeKey, Secrets } from '../../../platform/crypto/secrets.ts';

/** What an endpoint's secret is made from; the secret itself is derived, never stored. */
export interface SecretSource {
  secret_label: string;
  legacy_hex_secret: boolean;
}

/**
 * The endpoint's signing key under one generation of the platform's `webhooks` key. An endpoint moved
 * from a workflow keeps the key its receiver was given: the hex text of the same derivation.
 */
export function endpointKey(key: PurposeKey, source: SecretSource): Buffer {
  const mac = createHmac('sha256', key.key).update(source.secret_label);
  return source.legacy_hex_secret ? Buffer.from(mac.digest('hex'), 'utf8') : mac.digest();
}

/** The secret as Standard Webhooks libraries take it: `whsec_<base64 of the key>`. */
export function endpointSecret(secrets: Secrets, source: SecretSource): string {
  return `whsec_${endpointKey(secrets.current('webhooks'), source).toString('base64')}`;
}

/**
 * The `webhook-signature` header: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, once per accepted
 * generation of the webhooks key, space-separated as the specification allows, so that a receiver
 * still holding the previous secret keeps verifying while the key is rotated.
 */
export function signatureHeader(
  secrets: Secrets,
  source: SecretSource,
  message: { id: string; timestamp: number; body: string },
): string {
  return secrets
    .accepted('webhooks')
    .map(
      (key) =>
        `v1,${createHmac('sha256', endpointKey(key, source))
          .update(`${message.id}.${message.timestamp}.${message.body}`)
          .digest('base64')}`,
    )
    .join(' ');
}
