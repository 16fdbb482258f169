import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { RouteContext } from '../http/route.ts';
import { type MalwareScanner, ScannerUnavailable } from './clamd.ts';
import { inspectUpload } from './inspect-upload.ts';
import type { UploadRefusal } from './refusal.ts';
import { isSuspiciousName, safeFileName } from './safe-file-name.ts';
import type { UploadKind } from './upload-kind.ts';

export interface UploadLimits {
  /** The largest file, in bytes: reading stops as soon as one file passes it. */
  maxBytes: number;
  /** How many files one request may carry. */
  maxFiles: number;
  accepted: UploadKind[];
}

/**
 * A file that passed every check. `scan` says whether a malware scanner saw it: `clean`; `pending` when
 * the scanner is configured but did not answer (store it quarantined and let the scan job release it);
 * `unscanned` when no scanner is configured (the demo; logged at start).
 */
export interface AcceptedUpload {
  /** The form field it came in. */
  field: string;
  /** A server-made name (`safeFileName`) with the extension of its detected kind. */
  name: string;
  /** The name as sent, only to match what the sender names elsewhere (a CSV row); never shown or stored. */
  sentName: string;
  kind: UploadKind;
  mime: string;
  bytes: Buffer;
  scan: 'clean' | 'pending' | 'unscanned';
}

export type Fields = Record<string, string | string[]>;

export type UploadsRead =
  | { fields: Fields; files: AcceptedUpload[] }
  | { refused: UploadRefusal; fields: Fields };

/** Text fields are small: a long text answer, never a file in disguise. */
const maxFieldBytes = 256 * 1024;
const maxFields = 1000;

/**
 * Reads a form's fields and files as they stream in (`multipart/form-data`, or a plain urlencoded form
 * without files) and checks every file (`inspectUpload`, then the malware scanner when configured).
 * Reading stops at the first file over `maxBytes`, or past `maxFiles`, or at a name no browser sends:
 * no more than one limit's worth of a file is ever held. A refusal keeps the fields read so far, so
 * that the form shows again with what the person typed; nothing of the files is kept.
 */
export async function readUploads(c: RouteContext, limits: UploadLimits): Promise<UploadsRead> {
  const type = c.req.header('Content-Type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    const body = type.startsWith('application/x-www-form-urlencoded')
      ? await c.req.parseBody({ all: true })
      : {};
    return { fields: textFields(body), files: [] };
  }
  const received = await receive(c, limits);
  if ('refused' in received) return received;
  const files: AcceptedUpload[] = [];
  for (const file of received.files) {
    const checked = await checkFile(c, file, limits.accepted);
    if ('refusal' in checked) return refuse(received.fields, checked.refusal);
    files.push(checked);
  }
  return { fields: received.fields, files };

  function refuse(fields: Fields, refusal: UploadRefusal): UploadsRead {
    c.var.log.info({ code: refusal.code, field: refusal.field, detail: refusal.detail }, 'upload refused');
    return {
      refused: {
        ...refusal,
        maxBytes: limits.maxBytes,
        maxFiles: limits.maxFiles,
        accepted: limits.accepted,
      },
      fields,
    };
  }
}

/**
 * Checks one file's bytes as `readUploads` does (the malware scanner first, then `inspectUpload`):
 * for files that come another way than a multipart form, e.g. base64 in an API call's JSON.
 */
export async function checkFile(
  c: RouteContext,
  file: { field: string; sentName: string; bytes: Buffer },
  accepted: UploadKind[],
): Promise<AcceptedUpload | { refusal: UploadRefusal }> {
  // The scanner first: malware is named as such, even when its content would be refused anyway.
  const scan = await scanWith(c.var.malwareScanner, file.bytes);
  if (scan === 'infected') {
    c.var.log.warn({ field: file.field }, 'upload refused: malware found');
    return { refusal: { code: 'malware', field: file.field, name: file.sentName } };
  }
  const inspection = await inspectUpload(file.bytes, accepted, file.sentName);
  if (!inspection.ok) return { refusal: { ...inspection.refusal, field: file.field, name: file.sentName } };
  return {
    field: file.field,
    name: safeFileName(file.sentName, inspection.kind),
    sentName: file.sentName,
    kind: inspection.kind,
    mime: inspection.mime,
    bytes: file.bytes,
    scan,
  };
}

async function scanWith(
  scanner: MalwareScanner | null,
  bytes: Buffer,
): Promise<AcceptedUpload['scan'] | 'infected'> {
  if (!scanner) return 'unscanned';
  try {
    return (await scanner.scan(bytes)).clean ? 'clean' : 'infected';
  } catch (error) {
    if (error instanceof ScannerUnavailable) return 'pending';
    throw error;
  }
}

type Received = { field: string; sentName: string; bytes: Buffer };

/** Streams the body through busboy; resolves once it ended or a limit stopped it. */
async function receive(
  c: RouteContext,
  limits: UploadLimits,
): Promise<{ fields: Fields; files: Received[] } | { refused: UploadRefusal; fields: Fields }> {
  const fields: Fields = {};
  const files: Received[] = [];
  // busboy counts a file that reaches `fileSize` as cut: one byte more, so that the limit itself passes.
  const parser = busboy({
    headers: { 'content-type': c.req.header('Content-Type') ?? '' },
    limits: {
      fileSize: limits.maxBytes + 1,
      fieldSize: maxFieldBytes,
      fields: maxFields,
      parts: maxFields + limits.maxFiles + 1,
    },
    defParamCharset: 'utf8',
    // The name as sent, path included: a path is refused (`bad-name`), not silently cut off.
    preservePath: true,
  });
  let stopped: UploadRefusal | undefined;
  let started = 0;
  const pending: Promise<void>[] = [];
  // A malformed body makes busboy fail mid-write: that is the sender's refusal, never a crash or a hang.
  const finished = new Promise<void>((resolve) => {
    parser.on('close', resolve);
    parser.on('error', () => {
      stopped ??= { code: 'unreadable' };
      resolve();
    });
  });
  parser.on('field', (name, value) => {
    const previous = fields[name];
    fields[name] = previous === undefined ? value : [previous, value].flat();
  });
  parser.on('file', (field, stream: Readable & { truncated?: boolean }, info) => {
    // A body cut off mid-file fails this stream too; the parser's own error says so once.
    stream.on('error', () => undefined);
    // An empty file input is sent as a part without a name: no file was chosen.
    const sentName = info.filename;
    if (!sentName) {
      stream.resume();
      return;
    }
    if (stopped) return void stream.resume();
    if (isSuspiciousName(sentName)) stopped = { code: 'bad-name', field, name: sentName };
    else if (++started > limits.maxFiles) stopped = { code: 'too-many-files', field };
    if (stopped) return void stream.resume();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('limit', () => {
      stopped ??= { code: 'too-large', field, name: sentName };
      chunks.length = 0;
    });
    pending.push(
      new Promise<void>((resolve) =>
        stream.on('end', () => {
          if (!stream.truncated) files.push({ field, sentName, bytes: Buffer.concat(chunks) });
          resolve();
        }),
      ),
    );
  });
  const body = c.req.raw.body;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      // Stop at the limit: the rest of the body is not read (the response closes the connection).
      if (stopped) {
        c.header('Connection', 'close');
        await reader.cancel().catch(() => undefined);
        break;
      }
      const { done, value } = await reader.read();
      if (done) break;
      if (!parser.write(value)) await Promise.race([new Promise((r) => parser.once('drain', r)), finished]);
    }
  }
  if (stopped) return { refused: stopped, fields };
  parser.end();
  await finished;
  if (stopped) return { refused: stopped, fields };
  await Promise.all(pending);
  if (stopped) return { refused: stopped, fields };
  return { fields, files };
}

function textFields(body: Record<string, unknown>): Fields {
  const fields: Fields = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[name] = value;
    else if (Array.isArray(value)) fields[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return fields;
}
