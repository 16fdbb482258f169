import { type UploadKind, uploadKinds } from './upload-kind.ts';

/**
 * A download name made by the server from what the sender called the file: no path (`../`, `\`), no
 * control characters (CR/LF would split a header), no bidirectional overrides (an RLO turns
 * `invoice‮fdp.exe` into `invoiceexe.pdf` on screen), no leading dots, at most 100 characters, and the
 * extension of the kind found in the content when it is known.
 *
 * @example safeFileName('../../etc/pass\r\nwd.pdf', 'pdf') // 'pass_wd.pdf'
 */
export function safeFileName(name: string, kind?: UploadKind): string {
  const lastSegment = name.split(/[/\\]/).at(-1) ?? '';
  const cleaned = lastSegment
    .normalize('NFKC')
    // Controls (C0, C1: CR, LF…) and format characters (bidi overrides and isolates, zero-widths, BOM).
    .replace(/[\p{Cc}\p{Cf}]+/gu, '_')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[\s._]+|[\s._]+$/g, '');
  const base = kind ? cleaned.replace(/\.[^.]*$/, '') : cleaned;
  const extension = kind ? `.${uploadKinds[kind].extension}` : '';
  return `${base.slice(0, 100 - extension.length) || 'document'}${extension}`;
}

/**
 * Whether a sent name carries what no browser sends for a file it picked (a path) or what could fool a
 * person or a header (controls, bidi overrides): such an upload is refused rather than silently renamed.
 */
export function isSuspiciousName(name: string): boolean {
  return /[/\\\p{Cc}\p{Bidi_Control}]/u.test(name);
}
