export type { IssuedContent, IssuedDocument, IssuedSubject, IssuedType } from './issuing/content.ts';
export { type Issuance, type IssuingContext, issueDocument, issuingContextOf } from './issuing/issue-document.ts';
export {
  issuedDocumentBySerial,
  issuedDocumentBySha256,
  issuedDocumentOfDocument,
  revokedSerials,
} from './issuing/register.ts';
