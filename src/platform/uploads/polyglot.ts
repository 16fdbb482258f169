import type { UploadKind } from './upload-kind.ts';

/**
 * A second format hidden in the same bytes, which another program would open as something else: a
 * ZIP whose directory ends the file (how ZIP readers find it), a PDF header where PDF readers look
 * for one (the first kilobyte), bytes after a PDF's last `%%EOF` or a PNG's `IEND`.
 */
export function findSecondContainer(bytes: Uint8Array, kind: UploadKind): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // A workbook is a ZIP by design; what it must not carry is a macro project or a PDF where readers look.
  if (kind === 'xlsx') {
    if (buffer.indexOf('vbaProject.bin') >= 0) return 'macros';
    return buffer.subarray(0, 1024).indexOf('%PDF-') >= 0 ? 'pdf' : undefined;
  }
  if (hasZipDirectory(buffer)) return 'zip';
  if (kind === 'csv') return undefined;
  const pdfHeader = buffer.subarray(0, 1024).indexOf('%PDF-');
  if (kind !== 'pdf' && pdfHeader >= 0) return 'pdf';
  if (kind === 'pdf') {
    const eof = buffer.lastIndexOf('%%EOF');
    if (eof < 0) return 'no %%EOF';
    const after = buffer.subarray(eof + 5);
    if (
      after.some((byte) => byte !== 0x0a && byte !== 0x0d && byte !== 0x20 && byte !== 0x09 && byte !== 0x00)
    )
      return 'data after %%EOF';
  }
  if (kind === 'png') {
    const iend = buffer.lastIndexOf('IEND');
    if (iend < 0 || buffer.length > iend + 8) return 'data after IEND';
  }
  return undefined;
}

/** A ZIP end-of-central-directory record that readers would find: its comment runs to the file's end. */
function hasZipDirectory(buffer: Buffer): boolean {
  const signature = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
  const from = Math.max(0, buffer.length - (22 + 0xffff));
  for (let at = buffer.lastIndexOf(signature); at >= from; at = buffer.lastIndexOf(signature, at - 1)) {
    if (at + 22 <= buffer.length && at + 22 + buffer.readUInt16LE(at + 20) === buffer.length) return true;
    if (at === 0) break;
  }
  // Local file headers anywhere followed by a ZIP64 or truncated directory are caught by ZIP's own
  // readers only through the directory above; a bare local header also marks a hidden archive.
  return (
    buffer.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])) >= 0 &&
    buffer.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) >= 0
  );
}
