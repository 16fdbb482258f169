import { audited, auditedTx } from '../../platform/audit/audit.ts';
import { masterKeysFor, openText, sealText } from '../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { generateP256, issueCertificate } from './certificates.ts';
import type { SealContext } from './context.ts';
import type { SigningTables } from './tables.ts';

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' };
const YEAR = 365 * 24 * 3600 * 1000;

/** A key pair and its certificate as the local CA makes them: the private key as PKCS#8. */
export interface IssuedKey {
  certificate: Uint8Array;
  pkcs8: Uint8Array;
}

/**
 * The demo's certification authority: made at first use and kept in the database, its key sealed
 * with the master key. Only the demo (or a deployment that allows it) issues seals from it.
 */
async function localCa(context: SealContext): Promise<{ certificate: Uint8Array; key: CryptoKey }> {
  const table = tablesOf<SigningTables>(context.db);
  const keys = await masterKeysFor(context.config, context.db);
  let row = await table.selectFrom('signing_local_ca').selectAll().executeTakeFirst();
  if (!row) {
    const made = await selfSigned();
    const work = (tx: Db) =>
      tablesOf<SigningTables>(tx)
        .insertInto('signing_local_ca')
        .values({
          id: 'root',
          certificate: Buffer.from(made.certificate),
          sealed_private_key: sealText(
            keys,
            Buffer.from(made.pkcs8).toString('base64'),
            'signing_local_ca:root',
          ),
        })
        // Two instances at first start: the first root wins, the other is thrown away.
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    const event = {
      actor: 'system',
      action: 'seal.local-ca.create',
      subjectType: 'signing_local_ca',
      subjectId: 'root',
    };
    await (context.db.isTransaction ? auditedTx(context.db, event, work) : audited(context.db, event, work));
    row = await table.selectFrom('signing_local_ca').selectAll().executeTakeFirstOrThrow();
  }
  const pkcs8 = Buffer.from(openText(keys, row.sealed_private_key, 'signing_local_ca:root'), 'base64');
  return {
    certificate: new Uint8Array(row.certificate),
    key: await crypto.subtle.importKey('pkcs8', pkcs8, ecdsa, false, ['sign']),
  };
}

async function selfSigned(): Promise<IssuedKey> {
  const keys = await generateP256();
  const now = new Date();
  const certificate = await issueCertificate({
    subject: [
      ['C', 'CH'],
      ['O', 'Guichet'],
      ['CN', 'Guichet local seal CA (demo)'],
    ],
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    role: 'ca',
    notBefore: now,
    notAfter: new Date(now.getTime() + 20 * YEAR),
  });
  return { certificate, pkcs8: await exportPkcs8(keys.privateKey) };
}

/** A new seal key and certificate for an authority, issued by the local CA. */
export async function issueSealCertificate(
  context: SealContext,
  authority: { name: string; slug: string },
): Promise<IssuedKey> {
  const ca = await localCa(context);
  const keys = await generateP256();
  const now = new Date();
  const certificate = await issueCertificate({
    subject: [
      ['C', 'CH'],
      ['O', authority.name],
      ['OU', authority.slug],
      ['CN', `${authority.name} (seal)`],
    ],
    publicKey: keys.publicKey,
    issuer: { certificate: ca.certificate },
    signingKey: ca.key,
    role: 'seal',
    // A little back-dated, so that a verifier whose clock lags still takes a fresh seal.
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter: new Date(now.getTime() + 3 * YEAR),
  });
  return { certificate, pkcs8: await exportPkcs8(keys.privateKey) };
}

async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
}
