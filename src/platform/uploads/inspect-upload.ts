import { readFile } from 'node:fs/promises';
import { findPdfActiveContent } from './pdf-content.ts';
import { findSecondContainer } from './polyglot.ts';
import { maxImagePixels, type UploadRefusal } from './refusal.ts';
import { claimedKind, type UploadKind, uploadKinds } from './upload-kind.ts';

export type Inspection = { ok: true; kind: UploadKind; mime: string } | { ok: false; refusal: UploadRefusal };

const kindOfExtension: Record<string, UploadKind> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  png: 'png',
  heic: 'heic',
  xlsx: 'xlsx',
};
const archives = new Set([
  'zip',
  'rar',
  '7z',
  'gz',
  'bz2',
  'xz',
  'tar',
  'cab',
  'zst',
  'lz',
  'lzh',
  'arj',
  'cpio',
  'ar',
  'rpm',
  'deb',
  'dmg',
  'iso',
  'jar',
  'apk',
  'epub',
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  'msi',
  'Z',
]);

/**
 * What a file is, from its bytes alone (magic numbers via `file-type`, then the kind's own checks),
 * and whether it may be accepted: not a polyglot, no markup, no archive, a PDF without active content
 * or encryption, an image whose size in pixels is reasonable once decoded. `claimedName` only words the
 * refusal ("named .pdf but not a PDF"); it never decides the kind.
 */
export async function inspectUpload(
  input: Uint8Array | string,
  accepted: UploadKind[],
  claimedName?: string,
): Promise<Inspection> {
  const bytes = typeof input === 'string' ? await readFile(input) : input;
  const refuse = (code: UploadRefusal['code'], detail?: string): Inspection => ({
    ok: false,
    refusal: { code, accepted, detail },
  });
  if (bytes.length === 0) return refuse('empty');
  // file-type (with its tokenizers) and sharp load with the first upload, not at every start.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = looksLikeMarkup(bytes) ? { ext: 'html' } : await fileTypeFromBuffer(bytes);
  const kind = detected ? kindOfExtension[detected.ext] : textKind(bytes);
  if (!kind || !accepted.includes(kind)) {
    if (detected && archives.has(detected.ext)) return refuse('archive', detected.ext);
    const claimed = claimedName === undefined ? undefined : claimedKind(claimedName);
    return refuse(
      claimed && accepted.includes(claimed) ? 'type-mismatch' : 'type-not-accepted',
      detected?.ext,
    );
  }
  const second = findSecondContainer(bytes, kind);
  if (second) return refuse('polyglot', second);
  if (kind === 'pdf') {
    const finding = findPdfActiveContent(bytes);
    if (finding) return refuse(finding.code, finding.detail);
  }
  if (kind === 'jpeg' || kind === 'png' || kind === 'heic') {
    const pixels = await pixelsOf(bytes);
    if (pixels === undefined) return refuse('unreadable');
    if (pixels > maxImagePixels) return refuse('too-many-pixels', String(pixels));
  }
  return { ok: true, kind, mime: uploadKinds[kind].mime };
}

/** HTML, SVG and other XML, which browsers may run: recognised by their start, after a BOM or spaces. */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024))
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trimStart()
    .toLowerCase();
  return /^<(!doctype|html|head|body|script|svg|\?xml|!--|iframe|meta|div|a\s)/.test(head);
}

/** Plain text (a CSV): valid UTF-8 or Latin-1 without binary control characters. */
function textKind(bytes: Uint8Array): UploadKind | undefined {
  const sample = bytes.subarray(0, 64 * 1024);
  for (const byte of sample)
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) return undefined;
  return 'csv';
}

/** Width × height from the header, without decoding the image. */
async function pixelsOf(bytes: Uint8Array): Promise<number | undefined> {
  const { default: sharp } = await import('sharp');
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return width && height ? width * height : undefined;
  } catch {
    return undefined;
  }
}
