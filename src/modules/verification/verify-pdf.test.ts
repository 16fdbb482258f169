import { describe, expect, it } from 'vitest';
import type { Db } from '../../platform/database/database.ts';
import type { IssuedDocumentRecord, SealVerdict, VerificationSources } from './sources.ts';
import { verifyPdf } from './verify-pdf.ts';

/** The verdict of a PDF from its seal and its register entry, with both handed in as fakes. */
const at = new Date('2026-12-01T10:00:00Z');
const entry: IssuedDocumentRecord = {
  serial: 'VS-1',
  type: 'extract',
  authorityId: '',
  issuedAt: new Date('2026-11-30T10:00:00Z'),
  sha256: 'x',
  status: 'valid',
  validUntil: new Date('2027-01-01T00:00:00Z'),
};

function sources(seal: Partial<SealVerdict>, found?: Partial<IssuedDocumentRecord>): VerificationSources {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    keys: unused,
    sealKey: unused,
    validateSeal: async () => ({ status: 'valid', coversWholeDocument: true, ...seal }),
    register: {
      bySerial: unused,
      bySha256: async () => (found ? { ...entry, ...found } : undefined),
      revokedSerials: unused,
    },
  };
}

const verdict = async (seal: Partial<SealVerdict>, found?: Partial<IssuedDocumentRecord>) =>
  (await verifyPdf({} as Db, sources(seal, found), new Uint8Array([37, 80, 68, 70]), at)).verdict;

describe('the verdict on a PDF', () => {
  it('follows the seal first', async () => {
    expect(await verdict({}, {})).toBe('valid');
    expect(await verdict({ status: 'altered' }, {})).toBe('invalid');
    expect(await verdict({ status: 'no-seal', coversWholeDocument: false })).toBe('invalid');
    expect(await verdict({ status: 'unknown-signer' })).toBe('unknown-key');
    expect(await verdict({ coversWholeDocument: false }, {})).toBe('invalid');
  });

  it('then the register: revoked or expired there overrides a valid seal', async () => {
    expect(await verdict({}, { status: 'revoked', revokedAt: at })).toBe('revoked');
    expect(await verdict({}, { validUntil: new Date('2026-12-01T09:00:00Z') })).toBe('expired');
  });

  it('keeps a valid seal the register does not know, and says so', async () => {
    const result = await verifyPdf({} as Db, sources({}), new Uint8Array([1]), at);
    expect(result).toMatchObject({ verdict: 'valid', seal: { registered: false } });
  });
});
