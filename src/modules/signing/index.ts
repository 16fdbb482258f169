export { signingCertificateV2 } from './asn1.ts';
export type { SealContext } from './context.ts';
export * from './qr/index.ts';
export { currentSealKey, rotateSealKey, type SealKey, verificationKeys } from './seal-keys.ts';
export { sealPdf, signPdf } from './seal-pdf.ts';
export { padesBaselineT, type Signer } from './signer.ts';
export { type Timestamper, timestampClient } from './timestamp-client.ts';
export { type SealVerdict, validateSeal } from './validate-seal.ts';
