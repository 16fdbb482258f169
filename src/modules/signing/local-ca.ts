import { randomBytes } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { masterKeysFor, openText, sealText } from '../../platform/crypto/master-keys.ts';
import { tablesOf } from '../../platform/database/database.ts';
import type { SealContext } from './context.ts';
import type { SigningTables } from './tables.ts';

x509.cryptoProvider.set(crypto);

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
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
async function localCa(context: SealContext): Promise<{ certificate: x509.X509Certificate; key: CryptoKey }> {
  const table = tablesOf<SigningTables>(context.db);
  const keys = await masterKeysFor(context.config, context.db);
  let row = await table.selectFrom('signing_local_ca').selectAll().executeTakeFirst();
  if (!row) {
    const made = await selfSigned();
    await table
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
    row = await table.selectFrom('signing_local_ca').selectAll().executeTakeFirstOrThrow();
  }
  const pkcs8 = Buffer.from(openText(keys, row.sealed_private_key, 'signing_local_ca:root'), 'base64');
  return {
    certificate: new x509.X509Certificate(new Uint8Array(row.certificate)),
    key: await crypto.subtle.importKey('pkcs8', pkcs8, ecdsa, false, ['sign']),
  };
}

export async function localCaCertificate(context: SealContext): Promise<Uint8Array> {
  return new Uint8Array((await localCa(context)).certificate.rawData);
}

async function selfSigned(): Promise<IssuedKey> {
  const keys = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const now = new Date();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: [{ CN: ['Guichet local seal CA (demo)'] }, { O: ['Guichet'] }, { C: ['CH'] }],
    notBefore: now,
    notAfter: new Date(now.getTime() + 20 * YEAR),
    signingAlgorithm: ecdsa,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate: new Uint8Array(certificate.rawData), pkcs8: await exportPkcs8(keys.privateKey) };
}

/** A new seal key and certificate for an authority, issued by the local CA. */
export async function issueSealCertificate(
  context: SealContext,
  authority: { name: string; slug: string },
): Promise<IssuedKey> {
  const ca = await localCa(context);
  const keys = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
  const now = new Date();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: [
      { CN: [`${authority.name} (seal)`] },
      { O: [authority.name] },
      { OU: [authority.slug] },
      { C: ['CH'] },
    ],
    issuer: ca.certificate.subjectName,
    // A little back-dated, so that a verifier whose clock lags still takes a fresh seal.
    notBefore: new Date(now.getTime() - 5 * 60_000),
    notAfter: new Date(now.getTime() + 3 * YEAR),
    signingAlgorithm: ecdsa,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate),
    ],
  });
  return { certificate: new Uint8Array(certificate.rawData), pkcs8: await exportPkcs8(keys.privateKey) };
}

async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('pkcs8', key));
}

function serial(): string {
  // Positive and unpredictable, as CAs are asked to make them.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}
