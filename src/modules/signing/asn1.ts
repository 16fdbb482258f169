import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/** The object identifiers a PAdES seal and an RFC 3161 timestamp use. */
export const oids = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** A fresh ArrayBuffer holding exactly these bytes (asn1js and pkijs want ArrayBuffers). */
export function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

export function der(value: { toBER(): ArrayBuffer }): Uint8Array {
  return new Uint8Array(value.toBER());
}

export function parseDer<T>(bytes: Uint8Array, make: (schema: asn1js.AsnType) => T): T {
  const parsed = asn1js.fromBER(bufferOf(bytes));
  if (parsed.offset === -1) throw new Error(`Not DER: ${parsed.result.error}`);
  return make(parsed.result);
}

export function certificateOf(bytes: Uint8Array): pkijs.Certificate {
  return parseDer(bytes, (schema) => new pkijs.Certificate({ schema }));
}

/**
 * ESS `signing-certificate-v2` (RFC 5035): binds the signature to the signer's certificate by its
 * SHA-256 (the default algorithm, hence omitted) and its issuer and serial number.
 */
export function signingCertificateV2(certificate: Uint8Array): pkijs.Attribute {
  const parsed = certificateOf(certificate);
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [parsed.issuer.toSchema()],
          }),
        ],
      }),
      new asn1js.Integer({ valueHex: parsed.serialNumber.valueBlock.valueHexView.slice().buffer }),
    ],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: bufferOf(sha256(certificate)) }), issuerSerial],
  });
  return new pkijs.Attribute({
    type: oids.signingCertificateV2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

/** The certificate hash a `signing-certificate-v2` attribute names (SHA-256 only), or null. */
export function certHashIn(attribute: pkijs.Attribute): Uint8Array | null {
  const certs = (attribute.values[0] as asn1js.Sequence | undefined)?.valueBlock.value[0] as asn1js.Sequence;
  const first = certs?.valueBlock.value[0] as asn1js.Sequence | undefined;
  const [head, next] = first?.valueBlock.value ?? [];
  // A leading AlgorithmIdentifier (`next` is then the hash) means another hash than SHA-256: not ours.
  return head instanceof asn1js.OctetString && !(next instanceof asn1js.OctetString)
    ? head.valueBlock.valueHexView.slice()
    : null;
}

/** The signed attributes as signed: DER of a SET OF, sorted as DER wants, with the SET tag. */
export function signedAttributesBytes(attributes: pkijs.Attribute[]): {
  sorted: pkijs.Attribute[];
  bytes: Uint8Array;
} {
  const encoded = attributes.map((attribute) => ({ attribute, bytes: der(attribute.toSchema()) }));
  encoded.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const set = new asn1js.Set({ value: encoded.map((e) => e.attribute.toSchema()) });
  return { sorted: encoded.map((e) => e.attribute), bytes: der(set) };
}

/** ECDSA's raw r‖s (WebCrypto, COSE) as the DER `Ecdsa-Sig-Value` CMS carries. */
export function ecdsaDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const body = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.of(0), trimmed]) : Buffer.from(trimmed);
    return Buffer.concat([Buffer.of(0x02, body.length), body]);
  };
  const content = Buffer.concat([integer(raw.subarray(0, half)), integer(raw.subarray(half))]);
  return new Uint8Array(Buffer.concat([Buffer.of(0x30, content.length), content]));
}
