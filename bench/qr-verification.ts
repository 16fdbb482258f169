// Verifications of a document's QR code per second (its text read
// down through Base45, zlib, COSE_Sign1 and the CWT, the ES256 signature checked with the authority's
// certificate, the time window), as a ratio to one bare ECDSA P-256 verification in the same run.
import { verify, X509Certificate } from 'node:crypto';
import { generateP256, issueCertificate } from '../src/modules/signing/certificates.ts';
import {
  checkCwtTime,
  decodeQr,
  documentContentHash,
  encodeGuichetQr,
  signatureInput,
  verifyCose,
} from '../src/modules/signing/index.ts';
import { kidOf } from '../src/modules/signing/seal-keys.ts';
import { compare, report } from './load.ts';

export async function benchQrVerification(): Promise<void> {
  const keys = await generateP256();
  const now = new Date();
  const certificate = await issueCertificate({
    subject: [['CN', 'Bench seal']],
    publicKey: keys.publicKey,
    role: 'seal',
    notBefore: now,
    notAfter: new Date(now.getTime() + 86_400_000),
    signingKey: keys.privateKey,
  });
  const sign = async (data: Uint8Array) =>
    new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new Uint8Array(data)),
    );
  const fields = { n: 'Léa Favre', b: '1988-03-14' };
  const text = await encodeGuichetQr({
    claims: {
      iss: 'spf',
      iat: now,
      exp: new Date(now.getTime() + 86_400_000),
      type: 'extract',
      serial: 'BENCH-1',
      fields,
      sha256: documentContentHash({ type: 'extract', serial: 'BENCH-1', fields }),
    },
    kid: kidOf(certificate),
    sign,
  });

  const decoded = decodeQr(text);
  if (!decoded.ok || !verifyCose(decoded, certificate)) throw new Error('the bench payload does not verify');
  const signed = signatureInput(decoded.protectedBytes, decoded.payload);
  // The baseline's key is parsed once: the bare operation is the signature check alone.
  const publicKey = new X509Certificate(certificate).publicKey;

  report(
    'QR code verification (Base45, zlib, COSE, CWT, ES256 with the certificate) vs one bare ECDSA P-256 verification',
    'verification',
    await compare({
      candidate: async () => {
        const qr = decodeQr(text);
        if (!qr.ok || !verifyCose(qr, certificate) || checkCwtTime(qr.claims, now) !== 'valid')
          throw new Error('not valid');
      },
      baseline: async () => {
        if (!verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, decoded.signature))
          throw new Error('not valid');
      },
      rounds: 5,
      count: 2000,
      concurrency: 1,
    }),
  );
}
