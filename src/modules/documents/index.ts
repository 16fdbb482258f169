export { publishAttachment } from './attachment.ts';
export { createBlobStore } from './blob-store.ts';
export type { DocumentCategory } from './categories.ts';
export { documentFile } from './document-file.ts';
export {
  acceptedContentTypes,
  type DocumentRow,
  type DocumentVault,
  getDocumentOfAccount,
  getDocumentOfAuthority,
  listDocuments,
  maxDocumentBytes,
  oneDocumentBodyBytes,
  type Publication,
  publishDocument,
  readDocument,
  rewrapKeys,
} from './documents.ts';
export { vaultOf } from './vault.ts';
export { DocumentFileField } from './views/file-field.tsx';
