import { createHash, verify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Db } from '../../platform/database/database.ts';
import { certHashIn, der, oids, parseDer, sha256 } from './asn1.ts';
import { verificationKeys } from './seal-keys.ts';
import { tstInfoOf } from './timestamp-client.ts';

export interface SealVerdict {
  status: 'valid' | 'altered' | 'invalid' | 'unknown-signer' | 'no-seal';
  authorityId?: string;
  /** When the timestamp authority dated the seal. */
  timestampedAt?: Date;
  /** Whether the seal covers the whole file but its own signature (nothing appended after it). */
  coversWholeDocument: boolean;
  /** The sealing certificate's subject. */
  signer?: string;
}

const digests: Record<string, string> = {
  [oids.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/**
 * Checks a PDF's last seal: the message digest matches, the signature verifies, its certificate is one
 * of our authorities' seals (current, or rotated before the seal was made) and was valid when the
 * timestamp token — over this signature value — dated it, and the byte range covers the whole file
 * but the signature (else 'altered').
 */
export async function validateSeal(db: Db, pdf: Uint8Array): Promise<SealVerdict> {
  const found = lastSignature(Buffer.from(pdf));
  if (!found) return { status: 'no-seal', coversWholeDocument: false };
  const { signedBytes, cms, coversWholeDocument } = found;
  const verdict = (status: SealVerdict['status'], more: Partial<SealVerdict> = {}): SealVerdict => ({
    status,
    coversWholeDocument,
    ...more,
  });
  let signed: pkijs.SignedData;
  let signerInfo: pkijs.SignerInfo | undefined;
  try {
    const info = parseDer(cms, (schema) => new pkijs.ContentInfo({ schema }));
    if (info.contentType !== oids.signedData) return verdict('invalid');
    signed = new pkijs.SignedData({ schema: info.content });
    signerInfo = signed.signerInfos[0];
  } catch {
    return verdict('invalid');
  }
  if (!signerInfo?.signedAttrs || signed.signerInfos.length !== 1) return verdict('invalid');
  const algorithm = digests[signerInfo.digestAlgorithm.algorithmId];
  const digest = messageDigestIn(signerInfo.signedAttrs);
  if (!algorithm || !digest) return verdict('invalid');
  if (!createHash(algorithm).update(signedBytes).digest().equals(digest)) return verdict('altered');

  const certificate = signerCertificate(signed, signerInfo);
  if (!certificate) return verdict('invalid');
  const signer = new X509Certificate(certificate);
  const signature = new Uint8Array(signerInfo.signature.valueBlock.valueHexView);
  if (!verifiesOver(signer, algorithm, signedAttributes(signerInfo.signedAttrs), signature))
    return verdict('invalid');
  const essCert = attributeOnce(signerInfo.signedAttrs, oids.signingCertificateV2);
  const essHash = essCert && certHashIn(essCert);
  if (!essHash || !Buffer.from(essHash).equals(Buffer.from(sha256(certificate)))) return verdict('invalid');

  const ours = (await verificationKeys(db)).find((key) => Buffer.from(key.certificate).equals(certificate));
  if (!ours) return verdict('unknown-signer', { signer: nameOf(signer) });
  const seen = { authorityId: ours.authorityId, signer: nameOf(signer) };

  const token = signerInfo.unsignedAttrs?.attributes.find((a) => a.type === oids.signatureTimeStampToken);
  const timestampedAt = token && checkedTimestamp(token, signature);
  if (!timestampedAt) return verdict('invalid', seen);
  if (timestampedAt < ours.notBefore || timestampedAt > ours.notAfter) return verdict('invalid', seen);
  // A key is rotated away after a compromise too: what it sealed later is not the authority's.
  if (ours.retiredAt && timestampedAt.getTime() > ours.retiredAt.getTime() + ROTATION_GRACE_MS)
    return verdict('invalid', seen);
  // Bytes added after the seal (an incremental update) may change what is shown: not the sealed document.
  if (!coversWholeDocument) return verdict('altered', { ...seen, timestampedAt });
  return verdict('valid', { ...seen, timestampedAt });
}

/** A seal under way when its key is rotated (key taken, timestamp not yet asked) still counts. */
const ROTATION_GRACE_MS = 5 * 60_000;

/** The certificate's common name, else its whole subject on one line. */
function nameOf(certificate: X509Certificate): string {
  const lines = certificate.subject.split('\n');
  return lines.find((line) => line.startsWith('CN='))?.slice(3) ?? lines.join(', ');
}

/** The last signature's covered bytes and CMS; a later incremental update leaves part uncovered. */
function lastSignature(
  pdf: Buffer,
): { signedBytes: Buffer; cms: Uint8Array; coversWholeDocument: boolean } | null {
  const at = pdf.lastIndexOf('/ByteRange');
  if (at === -1) return null;
  const match = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(
    pdf.subarray(at, at + 120).toString('latin1'),
  );
  if (!match) return null;
  const [start, length, next, rest] = match.slice(1).map(Number) as [number, number, number, number];
  const contents = pdf.subarray(start + length, next).toString('latin1');
  if (start !== 0 || next + rest > pdf.length || !/^<[0-9a-fA-F]*>$/.test(contents)) return null;
  return {
    signedBytes: Buffer.concat([pdf.subarray(start, length), pdf.subarray(next, next + rest)]),
    cms: new Uint8Array(Buffer.from(contents.slice(1, -1), 'hex')),
    coversWholeDocument: next + rest === pdf.length,
  };
}

function attributeOnce(
  attributes: pkijs.SignedAndUnsignedAttributes,
  type: string,
): pkijs.Attribute | undefined {
  const found = attributes.attributes.filter((a) => a.type === type);
  // A signed attribute given twice is ambiguous: no answer.
  return found.length === 1 ? found[0] : undefined;
}

function messageDigestIn(attributes: pkijs.SignedAndUnsignedAttributes): Buffer | undefined {
  const value = attributeOnce(attributes, oids.messageDigest)?.values[0];
  return value instanceof asn1js.OctetString ? Buffer.from(value.valueBlock.valueHexView) : undefined;
}

/** The signed attributes as they were signed: their own bytes, with the SET tag. */
function signedAttributes(attributes: pkijs.SignedAndUnsignedAttributes): Uint8Array {
  const bytes = new Uint8Array(attributes.encodedValue.slice(0));
  bytes[0] = 0x31;
  return bytes;
}

function signerCertificate(signed: pkijs.SignedData, signerInfo: pkijs.SignerInfo): Uint8Array | null {
  const sid = signerInfo.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return null;
  const certificate = (signed.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate &&
      c.issuer.isEqual(sid.issuer) &&
      c.serialNumber.isEqual(sid.serialNumber),
  );
  return certificate ? der(certificate.toSchema()) : null;
}

function verifiesOver(
  certificate: X509Certificate,
  algorithm: string,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    return verify(algorithm, data, { key: certificate.publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/** The timestamp token's date, when it is signed by its TSA and dates this signature value. */
function checkedTimestamp(tokenAttribute: pkijs.Attribute, signatureValue: Uint8Array): Date | null {
  try {
    const token = new pkijs.ContentInfo({ schema: tokenAttribute.values[0] });
    const info = tstInfoOf(token);
    const algorithm = digests[info.messageImprint.hashAlgorithm.algorithmId];
    if (!algorithm) return null;
    const imprint = createHash(algorithm).update(signatureValue).digest();
    if (!imprint.equals(Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView))) return null;
    const signed = new pkijs.SignedData({ schema: token.content });
    const signerInfo = signed.signerInfos[0];
    const tsaCertificate = signerInfo && signerCertificate(signed, signerInfo);
    if (!signerInfo?.signedAttrs || !tsaCertificate) return null;
    const tokenAlgorithm = digests[signerInfo.digestAlgorithm.algorithmId];
    const digest = messageDigestIn(signerInfo.signedAttrs);
    const content = signed.encapContentInfo.eContent?.getValue();
    if (!tokenAlgorithm || !digest || !content) return null;
    if (!createHash(tokenAlgorithm).update(new Uint8Array(content)).digest().equals(digest)) return null;
    const tsa = new X509Certificate(tsaCertificate);
    if (
      !verifiesOver(
        tsa,
        tokenAlgorithm,
        signedAttributes(signerInfo.signedAttrs),
        new Uint8Array(signerInfo.signature.valueBlock.valueHexView),
      )
    )
      return null;
    return info.genTime;
  } catch {
    return null;
  }
}
