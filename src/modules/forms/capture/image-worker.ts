// The worker thread's side of `image-thread.ts`: image decoding and PDF making run here, never on the
// thread that answers requests. Loaded by Node itself (type stripping), so only erasable syntax.
import { parentPort } from 'node:worker_threads';
import { normalisePage } from './page-image.ts';
import { countPdfPages, pdfFromPages } from './pdf-from-pages.ts';

export type ImageTask =
  | { task: 'normalise'; bytes: Uint8Array; grayscale: boolean }
  | { task: 'pdf'; pages: { jpeg: Uint8Array; width: number; height: number }[]; title: string }
  | { task: 'countPages'; bytes: Uint8Array };

parentPort?.on('message', async (message: { id: number } & ImageTask) => {
  try {
    const result =
      message.task === 'normalise'
        ? await normalisePage(message.bytes, { grayscale: message.grayscale })
        : message.task === 'pdf'
          ? await pdfFromPages(message.pages, message.title)
          : await countPdfPages(message.bytes);
    parentPort?.postMessage({ id: message.id, result });
  } catch (error) {
    parentPort?.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
