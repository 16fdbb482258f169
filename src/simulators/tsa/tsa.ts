import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { generateP256, issueCertificate, signingCertificateV2 } from '../../modules/signing/index.ts';

/** A policy under the arc kept for examples (2.999): this TSA vouches for nothing. */
export const TSA_POLICY = '2.999.3161.1';
const TST_INFO = '1.2.840.113549.1.9.16.1.4';
const hashLengths: Record<string, [string, number]> = {
  '2.16.840.1.101.3.4.2.1': ['sha256', 32],
  '2.16.840.1.101.3.4.2.2': ['sha384', 48],
  '2.16.840.1.101.3.4.2.3': ['sha512', 64],
};

export interface TimestampAuthority {
  certificate: Uint8Array;
  /** Answers one DER `TimeStampReq` with a DER `TimeStampResp` (RFC 3161). */
  respond(query: Uint8Array): Promise<Uint8Array>;
}

/** A small real TSA: its own key and certificate (extended key usage timeStamping), a fresh serial per token. */
export async function createTimestampAuthority(): Promise<TimestampAuthority> {
  const keys = await generateP256();
  const now = new Date();
  const certificateDer = await issueCertificate({
    subject: [
      ['C', 'CH'],
      ['O', 'Guichet'],
      ['CN', 'Guichet timestamp authority (simulator)'],
    ],
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    role: 'timestamping',
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 24 * 3600_000),
  });
  const certificate = new pkijs.Certificate({ schema: asn1js.fromBER(certificateDer.slice().buffer).result });
  // RFC 3161 §2.4.2: each token names the TSA's certificate (RFC 5816: the v2 attribute).
  const essAttribute = signingCertificateV2(certificateDer);
  return {
    certificate: certificateDer,
    async respond(query) {
      let request: pkijs.TimeStampReq;
      try {
        request = new pkijs.TimeStampReq({ schema: asn1js.fromBER(query.slice().buffer).result });
      } catch {
        return refusal(5); // badDataFormat
      }
      const imprint = request.messageImprint;
      const hash = hashLengths[imprint.hashAlgorithm.algorithmId];
      if (!hash || imprint.hashedMessage.valueBlock.valueHexView.length !== hash[1]) return refusal(0); // badAlg
      const info = new pkijs.TSTInfo({
        version: 1,
        policy: TSA_POLICY,
        messageImprint: imprint,
        serialNumber: new asn1js.Integer({ valueHex: Buffer.concat([Buffer.of(0x01), randomBytes(15)]) }),
        genTime: new Date(),
        accuracy: new pkijs.Accuracy({ seconds: 1 }),
        ...(request.nonce ? { nonce: request.nonce } : {}),
      });
      const content = info.toSchema().toBER();
      const signed = new pkijs.SignedData({
        version: 3,
        encapContentInfo: new pkijs.EncapsulatedContentInfo({
          eContentType: TST_INFO,
          eContent: new asn1js.OctetString({ valueHex: content }),
        }),
        signerInfos: [
          new pkijs.SignerInfo({
            version: 1,
            sid: new pkijs.IssuerAndSerialNumber({
              issuer: certificate.issuer,
              serialNumber: certificate.serialNumber,
            }),
            signedAttrs: new pkijs.SignedAndUnsignedAttributes({
              type: 0,
              attributes: [
                new pkijs.Attribute({
                  type: '1.2.840.113549.1.9.3',
                  values: [new asn1js.ObjectIdentifier({ value: TST_INFO })],
                }),
                new pkijs.Attribute({
                  type: '1.2.840.113549.1.9.4',
                  values: [
                    new asn1js.OctetString({
                      valueHex: createHash('sha256').update(new Uint8Array(content)).digest(),
                    }),
                  ],
                }),
                essAttribute,
              ],
            }),
          }),
        ],
        certificates: request.certReq ? [certificate] : undefined,
      });
      await signed.sign(keys.privateKey, 0, 'SHA-256');
      return new Uint8Array(
        new pkijs.TimeStampResp({
          status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
          timeStampToken: new pkijs.ContentInfo({
            contentType: '1.2.840.113549.1.7.2',
            content: signed.toSchema(true),
          }),
        })
          .toSchema()
          .toBER(),
      );
    },
  };
}

/** A rejection with its PKIFailureInfo bit (0 badAlg, 2 badRequest, 5 badDataFormat). */
function refusal(failBit: number): Uint8Array {
  const bits = new Uint8Array(1);
  bits[0] = 0x80 >> failBit;
  return new Uint8Array(
    new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({
        status: pkijs.PKIStatus.rejection,
        failInfo: new asn1js.BitString({ valueHex: bits.buffer, unusedBits: 7 - failBit }),
      }),
    })
      .toSchema()
      .toBER(),
  );
}
