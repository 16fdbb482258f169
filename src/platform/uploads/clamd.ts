import { connect, type Socket } from 'node:net';

/** The result of a malware scan; a scanner that cannot be reached throws `ScannerUnavailable`. */
export type ScanVerdict = { clean: true } | { clean: false; signature: string };

export interface MalwareScanner {
  scan(bytes: Uint8Array): Promise<ScanVerdict>;
}

/** The scanner is configured but did not answer: the upload waits in quarantine and is tried again. */
export class ScannerUnavailable extends Error {
  override name = 'ScannerUnavailable';
}

const chunkSize = 64 * 1024;

/**
 * A ClamAV daemon reached by `CLAMD_URL` (`tcp://host:3310` or `unix:///run/clamav/clamd.ctl`),
 * spoken to with `zINSTREAM`: the bytes in length-prefixed chunks, a zero length to end, one answer
 * (`stream: OK`, `stream: <signature> FOUND`, or an error such as a size limit, taken as unavailable).
 */
export function clamdScanner(url: string, timeoutMs = 30_000): MalwareScanner {
  const target = new URL(url);
  const options =
    target.protocol === 'unix:'
      ? { path: decodeURIComponent(target.pathname) }
      : { host: target.hostname, port: Number(target.port || 3310) };
  return {
    scan: (bytes) =>
      new Promise<ScanVerdict>((resolve, reject) => {
        const socket: Socket = connect(options);
        const answer: Buffer[] = [];
        const fail = (why: string) => {
          socket.destroy();
          reject(new ScannerUnavailable(`clamd at ${url}: ${why}`));
        };
        socket.setTimeout(timeoutMs, () => fail('timed out'));
        socket.on('error', (error) => fail(error.message));
        socket.on('data', (data) => answer.push(data));
        socket.on('end', () => {
          const reply = Buffer.concat(answer).toString('utf8').replace(/\0/g, '').trim();
          socket.destroy();
          if (reply === 'stream: OK') resolve({ clean: true });
          else if (reply.endsWith(' FOUND'))
            resolve({ clean: false, signature: reply.replace(/^stream: /, '').replace(/ FOUND$/, '') });
          else fail(`unexpected answer "${reply.slice(0, 200)}"`);
        });
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let at = 0; at < bytes.length; at += chunkSize) {
            const chunk = bytes.subarray(at, at + chunkSize);
            const length = Buffer.alloc(4);
            length.writeUInt32BE(chunk.length);
            socket.write(length);
            socket.write(chunk);
          }
          socket.end(Buffer.alloc(4));
        });
      }),
  };
}

const scanners = new Map<string, MalwareScanner>();

/** The scanner `CLAMD_URL` names, or null: without one, uploads are checked but not scanned (demo). */
export function malwareScannerFor(config: { clamdUrl: string | undefined }): MalwareScanner | null {
  if (!config.clamdUrl) return null;
  const known = scanners.get(config.clamdUrl);
  if (known) return known;
  const scanner = clamdScanner(config.clamdUrl);
  scanners.set(config.clamdUrl, scanner);
  return scanner;
}

/**
 * The verdict on a file held in quarantine, for the scan jobs: without an answer from the scanner (or
 * without a scanner, should it have been unconfigured since) it throws, so the job is tried again
 * later and the file never passes unscanned.
 */
export async function scanQuarantined(
  config: { clamdUrl: string | undefined },
  bytes: Uint8Array,
): Promise<'clean' | 'infected'> {
  const scanner = malwareScannerFor(config);
  if (!scanner) throw new ScannerUnavailable('a file waits for a scan but CLAMD_URL is not set');
  return (await scanner.scan(bytes)).clean ? 'clean' : 'infected';
}
