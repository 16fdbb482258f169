import { constants, createHash, type KeyObject, verify, X509Certificate } from 'node:crypto';
import { coseAlgorithms, signatureInput } from './cose.ts';
import type { DecodedQr } from './decode.ts';

/** The key id a certificate signs under: the first 8 bytes of the SHA-256 of its DER (as the EU DCC). */
export function kidOfCertificate(certificateDer: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(certificateDer).digest().subarray(0, 8));
}

/**
 * Checks a decoded COSE_Sign1 against a certificate: its key id must be the certificate's (a payload
 * signed by another key is not valid for this one, even if the bytes happened to verify), and its
 * ES256 or PS256 signature must verify with the certificate's public key.
 */
export function verifyCose(decoded: DecodedQr, certificateDer: Uint8Array): boolean {
  const { kid, key } = parsed(certificateDer);
  return sameBytes(decoded.kid, kid) && key !== null && verifyWithKey(decoded, key);
}

// Parsing the certificate costs more than the signature check; a verifier sees few certificates.
const parsedCertificates = new Map<string, { kid: Uint8Array; key: KeyObject | null }>();

function parsed(certificateDer: Uint8Array): { kid: Uint8Array; key: KeyObject | null } {
  const id = Buffer.from(certificateDer).toString('latin1');
  let entry = parsedCertificates.get(id);
  if (!entry) {
    let key: KeyObject | null = null;
    try {
      key = new X509Certificate(certificateDer).publicKey;
    } catch {
      // not a certificate: nothing verifies with it
    }
    entry = { kid: kidOfCertificate(certificateDer), key };
    if (parsedCertificates.size >= 256) parsedCertificates.clear();
    parsedCertificates.set(id, entry);
  }
  return entry;
}

/** The signature alone, with a public key (the key id is the caller's business). */
export function verifyWithKey(decoded: DecodedQr, key: KeyObject): boolean {
  const data = signatureInput(decoded.protectedBytes, decoded.payload);
  const { signature } = decoded;
  try {
    if (decoded.alg === coseAlgorithms.ES256 && key.asymmetricKeyType === 'ec')
      return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    if (decoded.alg === coseAlgorithms.PS256 && key.asymmetricKeyType === 'rsa')
      return verify(
        'sha256',
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
        signature,
      );
  } catch {
    return false;
  }
  return false;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
