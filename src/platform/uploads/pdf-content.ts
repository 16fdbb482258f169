import { inflateSync } from 'node:zlib';

/** What a PDF must not carry: scripts, program launches, files inside, forms that run or send. */
const activeNames = new Map<string, string>([
  ['JavaScript', 'active-content'],
  ['JS', 'active-content'],
  ['Launch', 'active-content'],
  ['EmbeddedFile', 'active-content'],
  ['EmbeddedFiles', 'active-content'],
  ['GoToE', 'active-content'],
  ['RichMedia', 'active-content'],
  ['XFA', 'active-content'],
  ['ImportData', 'active-content'],
  ['SubmitForm', 'active-content'],
  ['Encrypt', 'encrypted'],
]);

/** An object stream larger than this once inflated is refused rather than left unread. */
const maxInflatedObjectStream = 32 * 1024 * 1024;

export type PdfFinding = { code: 'active-content' | 'encrypted' | 'unreadable'; detail: string };

/**
 * Finds active content or encryption in a PDF by its names, wherever objects can be: in the file's
 * own objects (every revision, not only the one a parser would keep) and inside object streams (PDF
 * 1.5), which hide whole dictionaries compressed. Names are compared decoded (`/Java#53cript` is
 * `/JavaScript`), as readers do. Other streams (pages, images) cannot hold objects and are skipped, so
 * that their binary bytes do not look like names by chance.
 */
export function findPdfActiveContent(bytes: Uint8Array): PdfFinding | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const streams = [...streamsOf(text, bytes)];
  let outside = '';
  let from = 0;
  for (const stream of streams) {
    outside += `${text.slice(from, stream.start)} `;
    from = stream.end;
  }
  outside += text.slice(from);
  const inFile = namedIn(outside);
  if (inFile) return inFile;
  for (const stream of streams) {
    const { dictionary } = stream;
    if (!dictionary.has('ObjStm') && !(dictionary.has('First') && dictionary.has('N'))) continue;
    const filters = [...dictionary].filter((name) => filterNames.has(name));
    let objects: Buffer;
    if (filters.length === 0) objects = Buffer.from(stream.data);
    else if (filters.length === 1 && (filters[0] === 'FlateDecode' || filters[0] === 'Fl'))
      try {
        objects = inflateSync(stream.data, { maxOutputLength: maxInflatedObjectStream });
      } catch {
        return { code: 'unreadable', detail: 'object stream does not inflate' };
      }
    // An object stream compressed in a way we do not read could hide anything.
    else return { code: 'unreadable', detail: `object stream ${filters.join('+')}` };
    const found = namedIn(objects.toString('latin1'));
    if (found) return found;
  }
  return undefined;
}

const filterNames = new Set([
  'FlateDecode',
  'LZWDecode',
  'ASCIIHexDecode',
  'ASCII85Decode',
  'RunLengthDecode',
  'Fl',
  'LZW',
  'AHx',
  'A85',
  'RL',
]);

function namedIn(text: string): PdfFinding | undefined {
  for (const name of namesOf(text)) {
    const code = activeNames.get(name);
    if (code) return { code: code as PdfFinding['code'], detail: `/${name}` };
  }
  return undefined;
}

/** PDF name tokens, with `#xx` escapes decoded. */
function* namesOf(text: string): Generator<string> {
  for (const match of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const raw = match[1] as string;
    yield raw.includes('#')
      ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      : raw;
  }
}

/** Each `stream … endstream`, where it is, with the names of the dictionary just before it. */
function* streamsOf(
  text: string,
  bytes: Uint8Array,
): Generator<{ dictionary: Set<string>; data: Uint8Array; start: number; end: number }> {
  const keyword = /stream\r?\n/g;
  for (let match = keyword.exec(text); match; match = keyword.exec(text)) {
    if (text.slice(match.index - 3, match.index) === 'end') continue;
    const start = match.index + match[0].length;
    const head = text.slice(Math.max(0, text.lastIndexOf(' obj', match.index)), match.index);
    const dictionary = new Set(namesOf(head));
    // The declared length when it is written directly; a compressed body may contain "endstream".
    const declared = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(head);
    const length = declared ? Number(declared[1]) : undefined;
    const fits = length !== undefined && text.startsWith('endstream', skipSpace(text, start + length));
    const end = fits ? start + (length as number) : text.indexOf('endstream', start);
    if (end < 0) return;
    yield { dictionary, data: bytes.subarray(start, end), start, end };
    keyword.lastIndex = end;
  }
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /[\r\n \t]/.test(text[i] as string)) i++;
  return i;
}
