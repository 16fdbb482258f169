import { Worker } from 'node:worker_threads';
import type { ImageTask } from './image-worker.ts';
import type { NormalisedPage } from './page-image.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, Pending>();

/** One worker thread for the process's image work, started at first use and left unref'd. */
function imageWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./image-worker.ts', import.meta.url));
  started.unref();
  started.on('message', (message: { id: number; result?: unknown; error?: string }) => {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.result);
  });
  // A crashed worker fails what it held; the next task starts a fresh one.
  const fail = (error: Error) => {
    worker = undefined;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`image worker exited (${code})`)));
  worker = started;
  return started;
}

function run<T>(task: ImageTask): Promise<T> {
  const id = ++nextId;
  const thread = imageWorker();
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
    thread.ref();
    thread.postMessage({ id, ...task });
  }).finally(() => {
    if (pending.size === 0) worker?.unref();
  });
}

/** A photo or scan made into an upright, A4-sized JPEG page with its quality hints (worker thread). */
export async function normaliseInWorker(bytes: Uint8Array, grayscale: boolean): Promise<NormalisedPage> {
  const page = await run<NormalisedPage>({ task: 'normalise', bytes, grayscale });
  return { ...page, jpeg: Buffer.from(page.jpeg) };
}

/** The pages, in order, as one PDF (worker thread). */
export async function pdfInWorker(
  pages: { jpeg: Uint8Array; width: number; height: number }[],
  title: string,
): Promise<Buffer> {
  return Buffer.from(await run<Uint8Array>({ task: 'pdf', pages, title }));
}

/** How many pages a PDF has (worker thread: parsing a large PDF takes a while). */
export function countPagesInWorker(bytes: Uint8Array): Promise<number> {
  return run<number>({ task: 'countPages', bytes });
}
