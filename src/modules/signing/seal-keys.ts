import { createPrivateKey, type KeyObject, randomUUID, sign, X509Certificate } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { audited, auditedTx } from '../../platform/audit/audit.ts';
import { masterKeysFor, openText, sealText } from '../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { sha256 } from './asn1.ts';
import type { SealContext } from './context.ts';
import { type IssuedKey, issueSealCertificate } from './local-ca.ts';
import { loadPkcs12 } from './pkcs12.ts';
import type { SigningTables } from './tables.ts';

/** An authority's seal key: what the PAdES signer and the QR code's COSE signature use. */
export interface SealKey {
  /** The first 8 bytes of SHA-256 of the certificate DER. */
  kid: Uint8Array;
  /** DER. */
  certificate: Uint8Array;
  /** ES256: raw r‖s, 64 bytes, over SHA-256(data). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

type SealRow = Selectable<SigningTables['seal_keys']>;

export function kidOf(certificate: Uint8Array): Uint8Array {
  return sha256(certificate).subarray(0, 8);
}

// Unsealed private keys by seal key id: a seal does not decrypt and parse its key again.
const unlocked = new Map<string, KeyObject>();

/**
 * The authority's current seal key, made on first need: from its PKCS#12 when one is configured
 * (a newer file there rotates the seal), else from the local CA where that is allowed.
 */
export async function currentSealKey(context: SealContext, authorityId: string): Promise<SealKey> {
  const fromFile = await pkcs12Of(context, authorityId);
  let row = await currentRow(context.db, authorityId);
  if (!row || (fromFile && !row.certificate.equals(fromFile.certificate)))
    row = await replaceSeal(context, authorityId, row ? 'rotate' : 'create', fromFile);
  return sealKeyOf(context, row, fromFile);
}

/** Retires the authority's seal key and makes a new one; earlier seals keep verifying. */
export async function rotateSealKey(context: SealContext, authorityId: string): Promise<void> {
  const fromFile = await pkcs12Of(context, authorityId);
  const row = await currentRow(context.db, authorityId);
  if (fromFile && row?.certificate.equals(fromFile.certificate))
    throw new Error('The seal comes from a PKCS#12 file: put the new one in its place, then rotate');
  await replaceSeal(context, authorityId, 'rotate', fromFile);
}

/** Every seal certificate ever used, the retired ones too: what a verifier must know. */
export async function verificationKeys(db: Db): Promise<
  Array<{
    authorityId: string;
    kid: string;
    certificate: Uint8Array;
    notBefore: Date;
    notAfter: Date;
    retiredAt: Date | null;
  }>
> {
  const rows = await tablesOf<SigningTables>(db)
    .selectFrom('seal_keys')
    .selectAll()
    .orderBy('authority_id')
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({
    authorityId: row.authority_id,
    kid: row.kid,
    certificate: new Uint8Array(row.certificate),
    notBefore: row.not_before,
    notAfter: row.not_after,
    retiredAt: row.retired_at,
  }));
}

function currentRow(db: Db, authorityId: string): Promise<SealRow | undefined> {
  return tablesOf<SigningTables>(db)
    .selectFrom('seal_keys')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
}

async function replaceSeal(
  context: SealContext,
  authorityId: string,
  change: 'create' | 'rotate',
  fromFile: IssuedKey | null,
): Promise<SealRow> {
  const authority = await getAuthorityById(context.db, authorityId);
  if (!authority) throw new Error(`No authority ${authorityId}`);
  if (!fromFile && !context.config.seal.localCa)
    throw new Error(
      `No seal for ${authority.slug}: put ${authority.slug}.p12 in SEAL_PKCS12_DIR (or allow the local CA with SEAL_LOCAL_CA)`,
    );
  const issued =
    fromFile ?? (await issueSealCertificate(context, { name: authority.names.fr, slug: authority.slug }));
  const keys = await masterKeysFor(context.config, context.db);
  const id = randomUUID();
  const parsed = new X509Certificate(issued.certificate);
  const kid = Buffer.from(kidOf(issued.certificate)).toString('base64');
  const work = async (tx: Db) => {
    const seals = tablesOf<SigningTables>(tx);
    // Serialises the authority's seal changes, so two instances do not both make the first one.
    await sql`select pg_advisory_xact_lock(hashtext(${`seal_keys:${authorityId}`}))`.execute(tx);
    const current = await currentRow(tx, authorityId);
    if (change === 'create' && current) return current;
    if (current)
      await seals
        .updateTable('seal_keys')
        .set({ retired_at: new Date() })
        .where('id', '=', current.id)
        .execute();
    return seals
      .insertInto('seal_keys')
      .values({
        id,
        authority_id: authorityId,
        kid,
        certificate: Buffer.from(issued.certificate),
        // A PKCS#12's key stays in its file; a local CA's is kept here, sealed.
        sealed_private_key: fromFile
          ? null
          : sealText(keys, Buffer.from(issued.pkcs8).toString('base64'), `seal_keys:${id}`),
        source: fromFile ? 'pkcs12' : 'local-ca',
        not_before: new Date(parsed.validFrom),
        not_after: new Date(parsed.validTo),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  };
  const event = (row: SealRow) => ({
    actor: 'system',
    action: change === 'create' ? 'seal.create' : 'seal.rotate',
    subjectType: 'seal_key',
    subjectId: row.id,
    authorityId,
    details: { kid: row.kid, source: row.source, subject: parsed.subject },
  });
  return context.db.isTransaction ? auditedTx(context.db, event, work) : audited(context.db, event, work);
}

async function sealKeyOf(context: SealContext, row: SealRow, fromFile: IssuedKey | null): Promise<SealKey> {
  let key = unlocked.get(row.id);
  if (!key) {
    const pkcs8 = row.sealed_private_key
      ? Buffer.from(
          openText(
            await masterKeysFor(context.config, context.db),
            row.sealed_private_key,
            `seal_keys:${row.id}`,
          ),
          'base64',
        )
      : fromFile?.pkcs8;
    if (!pkcs8) throw new Error(`The key of seal ${row.kid} is not available (its PKCS#12 file is gone)`);
    key = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
    unlocked.set(row.id, key);
  }
  const privateKey = key;
  return {
    kid: new Uint8Array(Buffer.from(row.kid, 'base64')),
    certificate: new Uint8Array(row.certificate),
    sign: async (data) =>
      new Uint8Array(sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' })),
  };
}

async function pkcs12Of(context: SealContext, authorityId: string): Promise<IssuedKey | null> {
  const configured = context.config.seal.pkcs12;
  if (!configured) return null;
  const authority = await getAuthorityById(context.db, authorityId);
  if (!authority) throw new Error(`No authority ${authorityId}`);
  return loadPkcs12(configured.directory, authority.slug, configured.password);
}
