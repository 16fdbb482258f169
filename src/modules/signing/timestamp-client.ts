import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { bufferOf, der, oids, parseDer } from './asn1.ts';

/** Asks a timestamp authority to date a hash; returns the token (a CMS ContentInfo, DER). */
export type Timestamper = (sha256Digest: Uint8Array) => Promise<Uint8Array>;

/**
 * An RFC 3161 client over HTTP: a fresh nonce per query, the certificate asked for, and the answer
 * checked against the query (granted, same imprint, same nonce) before it is used.
 */
export function timestampClient(url: string, options: { timeoutMs?: number } = {}): Timestamper {
  return async (digest) => {
    const nonce = randomBytes(8);
    // Positive and without a leading zero byte, so that it is encoded (and echoed) as given.
    nonce[0] = ((nonce[0] ?? 0) & 0x3f) | 0x40;
    const query = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: oids.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: bufferOf(digest) }),
      }),
      nonce: new asn1js.Integer({ valueHex: bufferOf(nonce) }),
      certReq: true,
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query' },
      body: Buffer.from(der(query.toSchema())),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw new Error(`The timestamp authority answered ${response.status}`);
    const reply = parseDer(
      new Uint8Array(await response.arrayBuffer()),
      (schema) => new pkijs.TimeStampResp({ schema }),
    );
    if (reply.status.status > 1 || !reply.timeStampToken)
      throw new Error(`The timestamp authority refused: status ${reply.status.status}`);
    const info = tstInfoOf(reply.timeStampToken);
    if (!Buffer.from(info.messageImprint.hashedMessage.valueBlock.valueHexView).equals(Buffer.from(digest)))
      throw new Error('The timestamp authority dated another hash');
    if (!info.nonce || !Buffer.from(info.nonce.valueBlock.valueHexView).equals(nonce))
      throw new Error('The timestamp answer is not for this query (nonce)');
    return der(reply.timeStampToken.toSchema());
  };
}

/** The TSTInfo inside a timestamp token. */
export function tstInfoOf(token: pkijs.ContentInfo): pkijs.TSTInfo {
  if (token.contentType !== oids.signedData) throw new Error('The timestamp token is not signed data');
  const signed = new pkijs.SignedData({ schema: token.content });
  const content = signed.encapContentInfo;
  if (content.eContentType !== oids.tstInfo || !content.eContent)
    throw new Error('The token holds no TSTInfo');
  return parseDer(new Uint8Array(content.eContent.getValue()), (schema) => new pkijs.TSTInfo({ schema }));
}
