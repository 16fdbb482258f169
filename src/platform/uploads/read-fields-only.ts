import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { RouteContext } from '../http/route.ts';
import type { Fields } from './read-uploads.ts';

const maxFieldBytes = 256 * 1024;
const maxFields = 1000;

/**
 * A form's text fields, and which fields carried a file, without keeping any file's bytes (they pass
 * through unread): what a post that is not applied may keep for later (ADR 28). A malformed body gives
 * what was read before it broke.
 */
export async function readFieldsOnly(c: RouteContext): Promise<{ fields: Fields; fileFields: string[] }> {
  const type = c.req.header('Content-Type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    const body = type.startsWith('application/x-www-form-urlencoded')
      ? await c.req.parseBody({ all: true })
      : {};
    const fields: Fields = {};
    for (const [name, value] of Object.entries(body)) {
      const texts = [value].flat().filter((v): v is string => typeof v === 'string');
      if (texts.length > 0) fields[name] = texts.length === 1 ? (texts[0] as string) : texts;
    }
    return { fields, fileFields: [] };
  }
  const fields: Fields = {};
  const fileFields = new Set<string>();
  const parser = busboy({
    headers: { 'content-type': type },
    limits: { fieldSize: maxFieldBytes, fields: maxFields },
    defParamCharset: 'utf8',
  });
  const finished = new Promise<void>((resolve) => {
    parser.on('close', resolve);
    parser.on('error', () => resolve());
  });
  parser.on('field', (name, value) => {
    const previous = fields[name];
    fields[name] = previous === undefined ? value : [previous, value].flat();
  });
  parser.on('file', (field, stream: Readable, info) => {
    stream.on('error', () => undefined);
    if (info.filename) fileFields.add(field);
    stream.resume();
  });
  const body = c.req.raw.body;
  if (body) {
    const reader = body.getReader();
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        parser.write(chunk.value);
      }
      parser.end();
    } catch {
      parser.destroy();
    }
  } else parser.end();
  await finished;
  return { fields, fileFields: [...fileFields] };
}
