import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulatedTimestampAuthority } from '../../src/simulators/tsa/index.ts';

let url: Promise<string> | undefined;

/**
 * The timestamp authority simulator on its own loopback socket, one per test process: in-process test
 * apps have no socket of their own for the seal's RFC 3161 request to reach.
 */
export function testTsaUrl(): Promise<string> {
  url ??= new Promise((resolve) => {
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const reply = await (await simulatedTimestampAuthority()).respond(
        new Uint8Array(Buffer.concat(chunks)),
      );
      response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(Buffer.from(reply));
    });
    server.unref();
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
    );
  });
  return url;
}
