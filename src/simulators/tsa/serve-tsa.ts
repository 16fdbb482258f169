import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulatedTimestampAuthority } from './index.ts';

/**
 * The TSA simulator on a loopback port of its own, for the demo's command line (`guichet seal sign`),
 * which runs without the web server that otherwise serves it.
 */
export async function serveTimestampAuthority(): Promise<{ url: string; close(): Promise<void> }> {
  const authority = await simulatedTimestampAuthority();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.headers['content-type'] !== 'application/timestamp-query') {
        response.writeHead(415).end();
        return;
      }
      authority.respond(new Uint8Array(Buffer.concat(chunks))).then(
        (reply) => response.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(reply),
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
