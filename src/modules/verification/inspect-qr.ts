import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  type CwtTime,
  checkCwtTime,
  claimsToJson,
  decodeQr,
  NoQrCode,
  type QrLayer,
  readQrImage,
  verifyCose,
} from '../signing/index.ts';

export type QrInspection =
  | {
      prefix: string;
      kid: string;
      alg: string | number | null;
      claims: unknown;
      signature: 'valid' | 'invalid' | 'unchecked';
      time: CwtTime;
    }
  | { layer: QrLayer | 'image'; error: string };

/**
 * What `guichet qr inspect` prints: the payload read down through its layers, its signature checked
 * with the given certificate, else with the trust list's certificate for its key id (`trusted`), else
 * `unchecked`; its time window at `at`.
 */
export async function inspectQr(
  text: string,
  options: { at: Date; certificate?: Uint8Array; trusted?: (kid: string) => Promise<Uint8Array | undefined> },
): Promise<QrInspection> {
  const decoded = decodeQr(text.trim());
  if (!decoded.ok) return { layer: decoded.layer, error: decoded.message };
  const kid = Buffer.from(decoded.kid).toString('base64');
  const certificate = options.certificate ?? (await options.trusted?.(kid));
  return {
    prefix: decoded.prefix,
    kid,
    alg: decoded.algName ?? decoded.alg ?? null,
    claims: claimsToJson(decoded.claims),
    signature: certificate ? (verifyCose(decoded, certificate) ? 'valid' : 'invalid') : 'unchecked',
    time: checkCwtTime(decoded.claims, options.at),
  };
}

export const inspectUsage =
  'usage: guichet qr inspect [--certificate <base64 DER>] [--at <ISO time>] (--image <PNG/JPEG file> | <payload>)';

/**
 * The command line of `guichet qr inspect`: one JSON object on stdout; exit 0 when the payload
 * decodes, 2 when it does not (the object names the failed layer), 1 on a usage error.
 */
export async function runQrInspect(
  argv: string[],
  trusted: (kid: string) => Promise<Uint8Array | undefined>,
  write: (line: string) => void,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { certificate: { type: 'string' }, at: { type: 'string' }, image: { type: 'string' } },
  });
  const at = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(at.getTime()) || (values.image ? positionals.length > 0 : positionals.length !== 1))
    throw new Error(inspectUsage);
  let text = positionals[0] ?? '';
  if (values.image) {
    try {
      text = await readQrImage(await readFile(values.image));
    } catch (error) {
      if (!(error instanceof NoQrCode)) throw error;
      write(JSON.stringify({ layer: 'image', error: error.message }));
      return 2;
    }
  }
  const certificate = values.certificate
    ? new Uint8Array(Buffer.from(values.certificate, 'base64'))
    : undefined;
  const result = await inspectQr(text, { at, ...(certificate ? { certificate } : { trusted }) });
  write(JSON.stringify(result, null, 2));
  return 'layer' in result ? 2 : 0;
}
