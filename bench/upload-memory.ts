// The server's memory while a body ten times the upload limit is refused, as a ratio to the memory of
// an accepted upload at the limit (both through POST /api/v1/documents, the same process, same run).
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { ensurePersonalAccount } from '../src/modules/accounts/index.ts';
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import { maxDocumentBytes } from '../src/modules/documents/index.ts';
import { createPersonWithLink } from '../src/modules/identity/index.ts';
import { createApiClient } from '../src/modules/integration/index.ts';
import type { Db } from '../src/platform/database/database.ts';
import type { AppEnv } from '../src/platform/http/route.ts';
import { cleanPdf } from '../tests/support/attack-corpus.ts';

const chunk = new Uint8Array(64 * 1024).fill(0x20);

/** A body of `size` bytes made as it is sent (chunked, no length announced): the client holds none of it. */
function streamedPdf(head: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent === 0) {
        controller.enqueue(head);
        sent = head.length;
      } else if (sent >= size) controller.close();
      else {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        controller.enqueue(part);
        sent += part.length;
      }
    },
  });
}

/** The peak growth of RSS and of heap + buffers while `work` runs, sampled every 2 ms. */
async function peakGrowth(work: () => Promise<unknown>): Promise<{ rss: number; heap: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 50));
  const base = process.memoryUsage();
  const heapOf = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers;
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss - base.rss);
    heap = Math.max(heap, heapOf(now) - heapOf(base));
  };
  const timer = setInterval(sample, 2);
  try {
    await work();
  } finally {
    clearInterval(timer);
    sample();
  }
  return { rss, heap };
}

export async function benchUploadMemory(db: Db, app: Hono<AppEnv>): Promise<void> {
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const { key } = await createApiClient(db, 'bench', { authorityId: spf, name: 'bench uploads' });
  const { person } = await createPersonWithLink(
    db,
    { givenNames: 'Bea', familyName: 'Bench', avs: '7561234567897', dateOfBirth: '1980-01-01' },
    { provider: 'bench', subject: 'bea-bench', level: 'high' },
  );
  await ensurePersonalAccount(db, person.id, 'Bea Bench');
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => setTimeout(r, 100));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/documents`;
  const pdf = await cleanPdf();
  const boundary = 'bench-boundary';
  const head = (name: string) =>
    new TextEncoder().encode(
      [
        ...Object.entries({ recipientAvs: '756.1234.5678.97', title: name, category: 'extract' }).map(
          ([field, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${value}\r\n`,
        ),
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}.pdf"\r\n\r\n`,
      ].join(''),
    );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  let round = 0;
  const send = async (fileBytes: number) => {
    round++;
    // The PDF's own bytes, then spaces after its %%EOF up to the size (still a valid PDF).
    const start = new Uint8Array([...head(`bench-${round}`), ...pdf]);
    const body = streamedPdf(start, start.length + fileBytes - pdf.length);
    const withTail = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({ flush: (controller) => controller.enqueue(tail) }),
    );
    const response = await fetch(url, {
      method: 'POST',
      body: withTail,
      duplex: 'half',
      headers: {
        Authorization: `Bearer ${key}`,
        'Idempotency-Key': `bench-upload-${round}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
      },
    } as RequestInit).catch((error: Error) => ({ status: `connection closed (${error.message})` }));
    if ('text' in response) await response.text();
    return response.status;
  };
  const over: { rss: number; heap: number }[] = [];
  const at: { rss: number; heap: number }[] = [];
  const statuses = new Set<string>();
  for (let i = 0; i < 3; i++) {
    // The refused one first: RSS that an earlier request left to the process would hide its growth.
    over.push(await peakGrowth(async () => statuses.add(`10x: ${await send(10 * maxDocumentBytes)}`)));
    at.push(await peakGrowth(async () => statuses.add(`limit: ${await send(maxDocumentBytes)}`)));
  }
  server.close();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? Number.NaN;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const heapOver = median(over.map((m) => m.heap));
  const heapAt = median(at.map((m) => m.heap));
  const rssOver = median(over.map((m) => m.rss));
  const rssAt = median(at.map((m) => m.rss));
  process.stdout.write(
    [
      `upload ten times the limit (${mb(10 * maxDocumentBytes)}, chunked) refused vs one at the limit accepted`,
      `  ratio heap+buffers ${(heapOver / heapAt).toFixed(3)}  (${mb(heapOver)} vs ${mb(heapAt)}; 1.0 = no more than at the limit)`,
      `  ratio RSS          ${(rssOver / Math.max(rssAt, 1)).toFixed(3)}  (${mb(rssOver)} vs ${mb(rssAt)})`,
      `  answers            ${[...statuses].join(', ')}`,
      '',
    ].join('\n'),
  );
}
