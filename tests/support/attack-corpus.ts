import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';

/*
 * Files an attacker sends, built here rather than committed (a committed EICAR file or PDF with a script
 * would trip scanners on every clone). Each goes with the refusal code Guichet must answer.
 */

/** A clean one-page PDF, as a scanner or a word processor makes it. */
export async function cleanPdf(text = 'Attestation'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText(text, { x: 20, y: 100, size: 12 });
  return Buffer.from(await doc.save());
}

/** A PDF whose catalog runs a script on opening, hidden in a compressed object stream (pdf-lib's default). */
async function pdfWithAction(action: Record<string, string>): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  const entries: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(action))
    entries[key] = value.startsWith('/') ? PDFName.of(value.slice(1)) : PDFString.of(value);
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj(entries as never));
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

/** A small ZIP (stored, one entry) with its central directory, as appended to make a polyglot. */
export function zipOf(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localSize = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

/** A hand-written PDF whose trailer names an /Encrypt dictionary, as every encrypted PDF's does. */
function encryptedPdf(): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
      '3 0 obj << /Filter /Standard /V 2 /R 3 /Length 128 /O <00> /U <00> /P -4 >> endobj',
      'trailer << /Root 1 0 R /Encrypt 3 0 R /ID [<01><01>] >>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A PNG of `width` × `height` grey pixels: a few hundred bytes that would decode to gigabytes. */
export function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  // Only the first rows: enough for a header reader, the decoder would ask for the rest.
  const rows = Math.min(height, 4);
  const raw = Buffer.alloc(rows * (width + 1));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The EICAR test file, built from parts so that this source is not itself a test virus. */
export function eicar(): Buffer {
  const parts = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'];
  return Buffer.from(parts.join(''), 'latin1');
}

/** A well-formed PDF carrying the EICAR string in a comment: passes every content check, not the scanner. */
export async function eicarInPdf(): Promise<Buffer> {
  const pdf = await cleanPdf();
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n%'),
    eicar(),
    Buffer.from('\n'),
    pdf.subarray(pdf.indexOf('\n') + 1),
  ]);
}

/** The ELF header of a 64-bit Linux program, and a little more. */
function elf(): Buffer {
  const head = Buffer.alloc(128);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(head);
  head.writeUInt16LE(2, 16);
  head.writeUInt16LE(0x3e, 18);
  return head;
}

export type AttackFile = { label: string; name: string; bytes: Buffer; refusal: string };

/** Every attack of issue 17 that a file's content carries (the scanner's and the names' are apart). */
export async function attackCorpus(): Promise<AttackFile[]> {
  const pdf = await cleanPdf();
  return [
    {
      label: 'polyglot PDF+ZIP',
      name: 'scan.pdf',
      bytes: Buffer.concat([pdf, zipOf('run.js', 'alert(1)')]),
      refusal: 'polyglot',
    },
    {
      label: 'PDF with JavaScript',
      name: 'form.pdf',
      bytes: await pdfWithAction({ S: '/JavaScript', JS: 'app.alert(1)' }),
      refusal: 'active-content',
    },
    {
      label: 'PDF with a launch action',
      name: 'letter.pdf',
      bytes: await pdfWithAction({ S: '/Launch', F: 'cmd.exe' }),
      refusal: 'active-content',
    },
    {
      label: 'PDF with an embedded file',
      name: 'invoice.pdf',
      bytes: await pdfWithEmbeddedFile(),
      refusal: 'active-content',
    },
    { label: 'encrypted PDF', name: 'secret.pdf', bytes: encryptedPdf(), refusal: 'encrypted' },
    {
      label: 'decompression-bomb PNG',
      name: 'photo.png',
      bytes: png(100_000, 100_000),
      refusal: 'too-many-pixels',
    },
    {
      label: 'SVG with a script',
      name: 'logo.svg',
      bytes: Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
      ),
      refusal: 'type-not-accepted',
    },
    {
      label: 'HTML named .pdf',
      name: 'diploma.pdf',
      bytes: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
      refusal: 'type-mismatch',
    },
    { label: 'ELF named .pdf', name: 'certificate.pdf', bytes: elf(), refusal: 'type-mismatch' },
    { label: 'ZIP archive', name: 'documents.zip', bytes: zipOf('a.pdf', '%PDF-1.4'), refusal: 'archive' },
  ];
}

async function pdfWithEmbeddedFile(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  await doc.attach(Buffer.from('MZ fake program'), 'setup.exe', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

/** Names no browser sends for a picked file, each refused as `bad-name`. */
export const badNames = [
  { label: '../ in the name', name: '../../etc/passwd.pdf' },
  { label: 'CR/LF in the name', name: 'scan\r\nContent-Type: text/html.pdf' },
  { label: 'right-to-left override', name: 'invoice\u202Efdp.exe' },
];

/**
 * A multipart body written by hand, as an attacker's client would: names go in RFC 5987's `filename*`
 * so that CR, LF and bidi characters arrive as sent (FormData would escape them).
 */
export function multipartBody(
  parts: ({ name: string; value: string } | { name: string; filename: string; bytes: Uint8Array })[],
): { body: Buffer; contentType: string } {
  const boundary = `----guichet-test-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      'filename' in part
        ? `form-data; name="${part.name}"; filename*=UTF-8''${encodeURIComponent(part.filename)}`
        : `form-data; name="${part.name}"`;
    const type = 'filename' in part ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push('filename' in part ? Buffer.from(part.bytes) : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
