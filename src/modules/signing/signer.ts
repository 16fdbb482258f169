import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  bufferOf,
  certificateOf,
  der,
  ecdsaDer,
  oids,
  parseDer,
  sha256,
  signedAttributesBytes,
  signingCertificateV2,
} from './asn1.ts';
import type { SealKey } from './seal-keys.ts';
import type { Timestamper } from './timestamp-client.ts';

/**
 * Makes the CMS signature a PDF's `/Contents` holds, over the bytes its byte range covers. The level
 * (B-T now; B-LT adds validation data) and where the key lives (database, PKCS#12, PKCS#11 later) are
 * the implementation's business: see docs/decisions/0023-seal-signer-interface.md.
 */
export interface Signer {
  /** `ETSI.CAdES.detached`: the PDF's /SubFilter for what `sign` makes. */
  readonly subFilter: string;
  /** The room to keep in the PDF for the signature, in bytes. */
  readonly maxLength: number;
  sign(signedBytes: Uint8Array): Promise<Uint8Array>;
}

/**
 * PAdES baseline B-T: a detached CMS SignedData whose signed attributes are content-type,
 * message-digest and signing-certificate-v2 — no signing-time, the time comes from the timestamp
 * token, added as the unsigned signature-time-stamp attribute over the signature value.
 */
export function padesBaselineT(key: SealKey, timestamp: Timestamper): Signer {
  return {
    subFilter: 'ETSI.CAdES.detached',
    maxLength: 8192,
    async sign(signedBytes) {
      const { certificate, essAttribute } = parsedCertificate(key.certificate);
      const { sorted, bytes } = signedAttributesBytes([
        new pkijs.Attribute({
          type: oids.contentType,
          values: [new asn1js.ObjectIdentifier({ value: oids.data })],
        }),
        new pkijs.Attribute({
          type: oids.messageDigest,
          values: [new asn1js.OctetString({ valueHex: bufferOf(sha256(signedBytes)) })],
        }),
        essAttribute,
      ]);
      const signature = ecdsaDer(await key.sign(bytes));
      const token = await timestamp(sha256(signature));
      const signerInfo = new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: oids.sha256 }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted }),
        signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: oids.ecdsaWithSha256 }),
        signature: new asn1js.OctetString({ valueHex: bufferOf(signature) }),
        unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 1,
          attributes: [
            new pkijs.Attribute({
              type: oids.signatureTimeStampToken,
              values: [parseDer(token, (schema) => schema)],
            }),
          ],
        }),
      });
      const signedData = new pkijs.SignedData({
        version: 1,
        digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: oids.sha256 })],
        encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: oids.data }),
        certificates: [certificate],
        signerInfos: [signerInfo],
      });
      return der(
        new pkijs.ContentInfo({
          contentType: oids.signedData,
          content: signedData.toSchema(true),
        }).toSchema(),
      );
    },
  };
}

// Parsing the certificate costs more than the signature: done once per seal certificate.
const parsed = new Map<string, { certificate: pkijs.Certificate; essAttribute: pkijs.Attribute }>();

function parsedCertificate(der: Uint8Array) {
  const id = Buffer.from(der).toString('base64');
  let found = parsed.get(id);
  if (!found) {
    if (parsed.size >= 100) parsed.clear();
    found = { certificate: certificateOf(der), essAttribute: signingCertificateV2(der) };
    parsed.set(id, found);
  }
  return found;
}
