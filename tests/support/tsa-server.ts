import { serveTimestampAuthority } from '../../src/simulators/tsa/serve-tsa.ts';

let tsa: ReturnType<typeof serveTimestampAuthority> | undefined;

/**
 * The timestamp authority simulator on its own loopback socket, one per test process: in-process test
 * apps have no socket of their own for the seal's RFC 3161 request to reach.
 */
export async function testTsaUrl(): Promise<string> {
  tsa ??= serveTimestampAuthority();
  return (await tsa).url;
}
