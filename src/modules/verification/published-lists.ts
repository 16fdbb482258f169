import { createHash, X509Certificate } from 'node:crypto';
import type { Db } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { getCanton, listAuthorities } from '../authorities/index.ts';
import type { SealKey, VerificationSources } from './sources.ts';

/** What a verifier caches to decide offline: every authority's keys, rotated ones included. */
export interface TrustList {
  iat: number;
  authorities: Record<string, { names: LocalisedText }>;
  keys: Array<{
    authority: string;
    kid: string;
    jwk: JsonWebKey;
    notBefore: string;
    notAfter: string;
    retiredAt: string | null;
  }>;
}

/** Revoked documents, by the SHA-256 (hex) of their serial: the list says nothing about who holds what. */
export interface RevocationList {
  iat: number;
  revoked: Array<{ serial: string; revokedAt: string }>;
}

export async function trustList(db: Db, sources: VerificationSources, now: Date): Promise<TrustList> {
  const authorities = await listAuthorities(db);
  const slugs = new Map(authorities.map((a) => [a.id, a.slug]));
  const keys = (await sources.keys(db)).flatMap((key) => {
    const authority = slugs.get(key.authorityId);
    if (!authority) return [];
    const jwk = new X509Certificate(key.certificate).publicKey.export({ format: 'jwk' });
    return [
      {
        authority,
        kid: key.kid,
        jwk,
        notBefore: key.notBefore.toISOString(),
        notAfter: key.notAfter.toISOString(),
        retiredAt: key.retiredAt?.toISOString() ?? null,
      },
    ];
  });
  return {
    iat: Math.floor(now.getTime() / 1000),
    authorities: Object.fromEntries(authorities.map((a) => [a.slug, { names: a.names }])),
    keys,
  };
}

export async function revocationList(
  db: Db,
  sources: VerificationSources,
  now: Date,
): Promise<RevocationList> {
  const revoked = await sources.register.revokedSerials(db);
  return {
    iat: Math.floor(now.getTime() / 1000),
    revoked: revoked.map((r) => ({ serial: serialHash(r.serial), revokedAt: r.revokedAt.toISOString() })),
  };
}

export function serialHash(serial: string): string {
  return createHash('sha256').update(serial, 'utf8').digest('hex');
}

/** The canton's current seal key, which signs the published lists (made at its first use, like any seal). */
export async function cantonSealKey(
  context: Pick<Platform, 'db' | 'config'>,
  sources: VerificationSources,
): Promise<SealKey> {
  const canton = await getCanton(context.db);
  if (!canton) throw new Error('No canton to sign the published lists');
  return sources.sealKey(context, canton.id);
}

/**
 * A compact JWS (RFC 7515, ES256) signed with the canton's seal key, its certificate in `x5c`: whoever
 * mirrors the lists can prove where they come from with the certificate chain they already trust for
 * the canton's seals, and no separate platform key has to be kept and rotated (ADR 0021).
 */
export async function signJws(key: SealKey, typ: string, payload: unknown): Promise<string> {
  const header = {
    alg: 'ES256',
    typ,
    kid: Buffer.from(key.kid).toString('base64'),
    x5c: [Buffer.from(key.certificate).toString('base64')],
  };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = await key.sign(new TextEncoder().encode(input));
  return `${input}.${base64url(signature)}`;
}

function base64url(data: string | Uint8Array): string {
  return Buffer.from(data).toString('base64url');
}
