import { HttpError } from '../http/http-error.ts';
import type { RouteContext } from '../http/route.ts';
import { type AcceptedUpload, checkFile } from './read-uploads.ts';
import { refusalMessage, type UploadRefusal } from './refusal.ts';
import { isSuspiciousName } from './safe-file-name.ts';
import { documentKinds, type UploadKind } from './upload-kind.ts';

/**
 * A file an API call sends in base64 inside its JSON, through the same checks as a form's upload
 * (size, malware scanner, kind from content); refused as a problem (422, or 413 when too large) whose
 * `reason` is the refusal's code.
 * `scan: 'pending'` means the scanner is down: store it quarantined.
 */
export async function acceptBase64File(
  c: RouteContext,
  file: { filename: string; contentBase64: string },
  limits: { maxBytes: number; accepted?: UploadKind[] },
): Promise<AcceptedUpload> {
  const refused = (refusal: UploadRefusal) =>
    new HttpError(
      refusal.code === 'too-large' ? 413 : 422,
      'file_refused',
      refusalMessage(refusal, 'en'),
      undefined,
      { reason: refusal.code },
    );
  if (isSuspiciousName(file.filename))
    throw refused({ code: 'bad-name', field: 'file', name: file.filename });
  const bytes = Buffer.from(file.contentBase64, 'base64');
  // The body's own limit lets a little more through (room for the JSON around the file).
  if (bytes.length > limits.maxBytes)
    throw refused({ code: 'too-large', field: 'file', name: file.filename, maxBytes: limits.maxBytes });
  const checked = await checkFile(
    c,
    { field: 'file', sentName: file.filename, bytes },
    limits.accepted ?? documentKinds,
  );
  if ('refusal' in checked) throw refused(checked.refusal);
  return checked;
}
