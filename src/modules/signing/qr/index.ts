export { decodeBase45, encodeBase45 } from './base45.ts';
export { documentContentHash } from './content-hash.ts';
export { type CoseAlgorithm, coseAlgorithms, signatureInput } from './cose.ts';
export {
  type CwtClaims,
  type CwtTime,
  checkCwtTime,
  claimsToJson,
  fromCwt,
  type GuichetDocumentClaims,
  guichetClaimKey,
} from './cwt.ts';
export { type DecodedQr, decodeQr, knownPrefixes, type QrDecodeFailure, type QrLayer } from './decode.ts';
export { encodeGuichetQr, guichetPrefix } from './encode.ts';
export { NoQrCode, readQrImage } from './read-qr-image.ts';
export { kidOfCertificate, verifyCose, verifyWithKey } from './verify.ts';
