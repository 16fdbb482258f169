export { signingCertificateV2 } from './asn1.ts';
export { generateP256, issueCertificate } from './certificates.ts';
export type { SealContext } from './context.ts';
export { enableWalletCredential, listWalletCredentials } from './credentials/wallet-credentials.ts';
export type {
  IssuedContent,
  IssuedDocument,
  IssuedSubject,
  IssuedType,
  LayoutRenderer,
  OwnLayout,
  VerifierFields,
} from './issuing/content.ts';
export {
  type Issuance,
  type IssuingContext,
  issueDocument,
  issuingContextOf,
} from './issuing/issue-document.ts';
export {
  issuedDocumentBySerial,
  issuedDocumentBySha256,
  issuedDocumentOfDocument,
  recentIssuedOfAccount,
  revokedSerials,
  type WalletItem,
} from './issuing/register.ts';
export * from './qr/index.ts';
export { currentSealKey, rotateSealKey, type SealKey, verificationKeys } from './seal-keys.ts';
export { sealPdf, signPdf } from './seal-pdf.ts';
export { padesBaselineT, type Signer } from './signer.ts';
export { type Timestamper, timestampClient } from './timestamp-client.ts';
export { type SealVerdict, validateSeal } from './validate-seal.ts';
