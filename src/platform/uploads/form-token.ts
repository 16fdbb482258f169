import busboy from 'busboy';

/** How far into a multipart body the token may be: forms put it first, before any file. */
const maxHeadBytes = 64 * 1024;

/**
 * Reads text fields at the head of a `multipart/form-data` body, without reading the files after it,
 * and gives back a request whose body is whole again (the bytes read, then the rest as it streams).
 * The router uses it for the CSRF token (and the field that says a kept post was shown), so that a
 * form with files is checked before its handler runs yet the files still stream (see `readUploads`).
 * A field that comes only after a file is not found; reading stops once every name is found.
 */
export async function readLeadingFields<Name extends string>(
  request: Request,
  names: readonly Name[],
): Promise<{ values: Partial<Record<Name, string>>; request: Request }> {
  const values: Partial<Record<Name, string>> = {};
  const body = request.body;
  if (!body) return { values, request };
  const reader = body.getReader();
  const consumed: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const wanted = new Set<string>(names);
  const allFound = () => names.every((name) => values[name] !== undefined);
  const parser = busboy({
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
    limits: { fieldSize: 4096 },
  });
  parser.on('field', (field, text) => {
    // Only before the first file: one chunk may hold a whole small form, token after the file included.
    if (wanted.has(field) && values[field as Name] === undefined && !done) values[field as Name] = text;
  });
  parser.on('file', (_field, stream) => {
    done = true;
    stream.resume();
  });
  parser.on('error', () => {
    done = true;
  });
  while (!allFound() && !done && size < maxHeadBytes) {
    const chunk = await reader.read();
    if (chunk.done) {
      done = true;
      break;
    }
    consumed.push(chunk.value);
    size += chunk.value.length;
    parser.write(chunk.value);
  }
  parser.removeAllListeners();
  parser.on('error', () => undefined);
  const replay = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = consumed.shift();
      if (next) return controller.enqueue(next);
      const chunk = await reader.read();
      if (chunk.done) controller.close();
      else controller.enqueue(chunk.value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { values, request: new Request(request, { body: replay, duplex: 'half' } as RequestInit) };
}
