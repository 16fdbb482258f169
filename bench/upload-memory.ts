// The server's memory while a body ten times the upload limit is refused, as a ratio to the memory of
// an accepted upload at the limit (both through POST /api/v1/documents, whose JSON carries the file in
// base64; the same process, same run).
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
import { record } from './load.ts';

// Base64 of three spaces is `ICAg`: a file padded with spaces streams as this, repeated.
const chunk = new TextEncoder().encode('ICAg'.repeat(16 * 1024));

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
  const { key } = await createApiClient(db, 'bench', {
    authorityId: spf,
    name: 'bench uploads',
    scopes: ['documents:write'],
    mode: 'live',
  });
  const { person } = await createPersonWithLink(
    db,
    { givenNames: 'Bea', familyName: 'Bench', avs: '7561234567897', dateOfBirth: '1980-01-01' },
    { provider: 'bench', subject: 'bea-bench', level: 'high' },
  );
  await ensurePersonalAccount(db, person.id, 'Bea Bench');
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => setTimeout(r, 100));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/documents`;
  const clean = await cleanPdf();
  // Spaces after its %%EOF up to a multiple of three bytes (still a valid PDF), so that its base64
  // ends cleanly and more spaces can follow as `ICAg`.
  const pdf = new Uint8Array([...clean, ...new Uint8Array((3 - (clean.length % 3)) % 3).fill(0x20)]);
  const tail = new TextEncoder().encode('"}');
  let round = 0;
  const send = async (fileBytes: number) => {
    round++;
    const head = new TextEncoder().encode(
      `${JSON.stringify({
        recipient: { avs: '756.1234.5678.97' },
        title: `bench-${round}`,
        category: 'extract',
        filename: `bench-${round}.pdf`,
      }).slice(0, -1)},"contentBase64":"${Buffer.from(pdf).toString('base64')}`,
    );
    const base64Bytes = Math.ceil(fileBytes / 3) * 4;
    const body = streamedPdf(head, head.length + base64Bytes - (pdf.length / 3) * 4);
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
        'Content-Type': 'application/json',
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
    // The base64 is sent in whole groups of three bytes: the largest such file within the limit.
    const atLimit = maxDocumentBytes - (maxDocumentBytes % 3);
    at.push(await peakGrowth(async () => statuses.add(`limit: ${await send(atLimit)}`)));
  }
  server.close();
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? Number.NaN;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const heapOver = median(over.map((m) => m.heap));
  const heapAt = median(at.map((m) => m.heap));
  const rssOver = median(over.map((m) => m.rss));
  const rssAt = median(at.map((m) => m.rss));
  record('upload ten times the limit refused vs one at the limit accepted', {
    heapRatio: heapOver / heapAt,
    heapOverMb: heapOver / 1048576,
    heapAtMb: heapAt / 1048576,
    rssOverMb: rssOver / 1048576,
    rssAtMb: rssAt / 1048576,
    answers: [...statuses],
  });
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
