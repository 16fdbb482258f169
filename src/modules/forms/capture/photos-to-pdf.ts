import { normaliseInWorker, pdfInWorker } from './image-thread.ts';

/**
 * Photos of the pages of one document (checked by the upload path) made into one PDF the same way
 * as a document field's: upright, A4 at ~200 dpi, compressed, in the worker thread. For the other
 * places people send documents (complements, messages on a request).
 *
 * @example const { bytes, pages } = await photosToPdf([front, back], { title: 'Complément' });
 */
export async function photosToPdf(
  photos: Uint8Array[],
  options: { title: string; grayscale?: boolean },
): Promise<{ bytes: Buffer; pages: number }> {
  const pages = [];
  for (const photo of photos) pages.push(await normaliseInWorker(photo, options.grayscale ?? false));
  return { bytes: await pdfInWorker(pages, options.title), pages: pages.length };
}
