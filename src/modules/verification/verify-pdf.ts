import { createHash } from 'node:crypto';
import type { Db } from '../../platform/database/database.ts';
import { getAuthorityById } from '../authorities/index.ts';
import type { VerificationSources } from './sources.ts';
import type { Verdict, VerificationResult } from './verdict.ts';

const sealVerdicts: Record<string, Verdict> = {
  valid: 'valid',
  altered: 'invalid',
  invalid: 'invalid',
  'no-seal': 'invalid',
  'unknown-signer': 'unknown-key',
};

/**
 * Verifies a PDF: its seal (integrity, chain to an authority's seal certificate, timestamp), then its
 * entry in the issuance register, found by the SHA-256 of the file as issued: revoked or expired there
 * overrides a valid seal. A sealed PDF the register does not know keeps its seal's verdict and says so.
 */
export async function verifyPdf(
  db: Db,
  sources: VerificationSources,
  pdf: Uint8Array,
  at: Date,
): Promise<VerificationResult> {
  const seal = await sources.validateSeal(db, pdf);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const entry = seal.status === 'valid' ? await sources.register.bySha256(db, sha256) : undefined;
  const authorityId = entry?.authorityId ?? seal.authorityId;
  const authority = authorityId ? await getAuthorityById(db, authorityId) : undefined;
  let verdict = sealVerdicts[seal.status] ?? 'invalid';
  if (verdict === 'valid' && !seal.coversWholeDocument) verdict = 'invalid';
  if (verdict === 'valid' && entry?.status === 'revoked') verdict = 'revoked';
  else if (verdict === 'valid' && entry?.validUntil && entry.validUntil.getTime() <= at.getTime())
    verdict = 'expired';
  return {
    verdict,
    source: 'pdf',
    ...(authority ? { issuer: { slug: authority.slug, names: authority.names } } : {}),
    ...(entry
      ? {
          document: {
            type: entry.type,
            serial: entry.serial,
            issuedAt: entry.issuedAt.toISOString(),
            ...(entry.validUntil ? { expiresAt: entry.validUntil.toISOString() } : {}),
            ...(entry.revokedAt ? { revokedAt: entry.revokedAt.toISOString() } : {}),
          },
        }
      : {}),
    seal: {
      status: seal.status,
      ...(seal.timestampedAt ? { timestampedAt: seal.timestampedAt.toISOString() } : {}),
      coversWholeDocument: seal.coversWholeDocument,
      registered: Boolean(entry),
    },
  };
}
