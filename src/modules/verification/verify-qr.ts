import type { Db } from '../../platform/database/database.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { checkCwtTime, decodeQr, fromCwt, guichetPrefix, verifyCose } from '../signing/index.ts';
import type { VerificationSources } from './sources.ts';
import type { VerificationResult } from './verdict.ts';

// Seal certificates are issued at the second they are made; a document's `iat` is floored to the second.
const clockSkewMs = 5 * 60_000;

/**
 * Verifies a QR code's text against the trust list and the register: the signature with the key its
 * key id names, that key belonging to the claimed issuer and having been in service when the document
 * was issued (a rotated key still verifies what it signed before), revocation, then the time window.
 */
export async function verifyQrPayload(
  db: Db,
  sources: VerificationSources,
  text: string,
  at: Date,
): Promise<VerificationResult> {
  const decoded = decodeQr(text.trim());
  if (!decoded.ok)
    return { verdict: 'invalid', source: 'qr', reason: `${decoded.layer}: ${decoded.message}` };
  const claims = decoded.prefix === guichetPrefix ? fromCwt(decoded.claims) : undefined;
  if (!claims) return { verdict: 'invalid', source: 'qr', reason: 'not a Guichet document' };
  const kid = Buffer.from(decoded.kid).toString('base64');
  const key = (await sources.keys(db)).find((k) => k.kid === kid);
  if (!key) return { verdict: 'unknown-key', source: 'qr', reason: `no key ${kid}` };
  if (!verifyCose(decoded, key.certificate)) return { verdict: 'invalid', source: 'qr', reason: 'signature' };

  const authority = await getAuthorityById(db, key.authorityId);
  const document = {
    type: claims.type,
    serial: claims.serial,
    fields: claims.fields,
    issuedAt: claims.iat.toISOString(),
    ...(claims.exp ? { expiresAt: claims.exp.toISOString() } : {}),
  };
  const issuer = authority && { slug: authority.slug, names: authority.names };
  const result = (verdict: VerificationResult['verdict'], extra: Partial<VerificationResult> = {}) => ({
    verdict,
    source: 'qr' as const,
    ...(issuer ? { issuer } : {}),
    document,
    ...extra,
  });
  if (authority?.slug !== claims.iss)
    return result('invalid', { reason: 'issuer is not the key’s authority' });
  const inService = (key.retiredAt ?? key.notAfter).getTime();
  const issued = claims.iat.getTime();
  if (issued < key.notBefore.getTime() - clockSkewMs || issued > inService)
    return result('invalid', { reason: 'issued outside the key’s period' });

  const registered = await sources.register.bySerial(db, claims.serial);
  if (registered?.status === 'revoked')
    return result('revoked', {
      document: {
        ...document,
        ...(registered.revokedAt ? { revokedAt: registered.revokedAt.toISOString() } : {}),
      },
    });
  const time = checkCwtTime(decoded.claims, at);
  return result(time === 'valid' ? 'valid' : time);
}
