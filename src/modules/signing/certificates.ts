import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { der } from './asn1.ts';

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** `[['CN', 'Guichet'], ['C', 'CH']]`: a distinguished name, most significant last as read. */
export type DistinguishedName = Array<[keyof typeof attributeTypes, string]>;

const attributeTypes = { CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6' } as const;

/** What a certificate may do: a CA certifies, a seal signs documents, a TSA signs timestamps. */
export type CertificateRole = 'ca' | 'seal' | 'timestamping';

export interface NewCertificate {
  subject: DistinguishedName;
  publicKey: CryptoKey;
  role: CertificateRole;
  notBefore: Date;
  notAfter: Date;
  /** The issuing CA; absent: self-signed with `signingKey`. */
  issuer?: { certificate: Uint8Array };
  signingKey: CryptoKey;
}

export function generateP256(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']);
}

/** An X.509 v3 certificate (ECDSA with SHA-256), DER. */
export async function issueCertificate(spec: NewCertificate): Promise<Uint8Array> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  // Positive and unpredictable, as CAs are asked to make them.
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40;
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial });
  certificate.subject = nameOf(spec.subject);
  certificate.notBefore.value = spec.notBefore;
  certificate.notAfter.value = spec.notAfter;
  await certificate.subjectPublicKeyInfo.importKey(spec.publicKey);
  const subjectKeyId = keyIdOf(certificate.subjectPublicKeyInfo);
  const issuer = spec.issuer
    ? new pkijs.Certificate({ schema: asn1js.fromBER(spec.issuer.certificate.slice().buffer).result })
    : undefined;
  certificate.issuer = issuer ? issuer.subject : nameOf(spec.subject);
  const usage = { ca: [0x06, 1], seal: [0xc0, 6], timestamping: [0x80, 7] }[spec.role];
  certificate.extensions = [
    extension(
      '2.5.29.19',
      new pkijs.BasicConstraints(spec.role === 'ca' ? { cA: true, pathLenConstraint: 0 } : {}),
    ),
    extension(
      '2.5.29.15',
      new asn1js.BitString({ valueHex: Uint8Array.of(usage[0] ?? 0), unusedBits: usage[1] ?? 0 }),
    ),
    extension('2.5.29.14', new asn1js.OctetString({ valueHex: subjectKeyId }), false),
  ];
  if (issuer)
    certificate.extensions.push(
      extension(
        '2.5.29.35',
        new pkijs.AuthorityKeyIdentifier({
          keyIdentifier: new asn1js.OctetString({ valueHex: keyIdOf(issuer.subjectPublicKeyInfo) }),
        }),
        false,
      ),
    );
  if (spec.role === 'timestamping')
    certificate.extensions.push(
      extension('2.5.29.37', new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.8'] })),
    );
  await certificate.sign(spec.signingKey, 'SHA-256');
  return der(certificate.toSchema());
}

function nameOf(name: DistinguishedName): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: name.map(
      ([type, value]) =>
        new pkijs.AttributeTypeAndValue({
          type: attributeTypes[type],
          value: type === 'C' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }),
        }),
    ),
  });
}

function extension(
  extnID: string,
  value: { toSchema(): asn1js.AsnType } | asn1js.AsnType,
  critical = true,
): pkijs.Extension {
  const schema = 'toSchema' in value ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subject public key bits (an identifier, not a security use). */
function keyIdOf(info: pkijs.PublicKeyInfo): Uint8Array {
  return createHash('sha1').update(info.subjectPublicKey.valueBlock.valueHexView).digest();
}
