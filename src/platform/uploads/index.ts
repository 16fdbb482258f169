export { acceptBase64File } from './base64-file.ts';
export {
  clamdScanner,
  type MalwareScanner,
  malwareScannerFor,
  ScannerUnavailable,
  type ScanVerdict,
  scanQuarantined,
} from './clamd.ts';
export { readLeadingFields } from './form-token.ts';
export { type Inspection, inspectUpload } from './inspect-upload.ts';
export {
  type AcceptedUpload,
  checkFile,
  type Fields,
  readUploads,
  type UploadLimits,
  type UploadsRead,
} from './read-uploads.ts';
export { maxImagePixels, refusalMessage, type UploadRefusal, uploadMessages } from './refusal.ts';
export { isSuspiciousName, safeFileName } from './safe-file-name.ts';
export { acceptAttribute, claimedKind, documentKinds, type UploadKind, uploadKinds } from './upload-kind.ts';
