// Making one PDF of five phone photos (each turned upright, fitted to A4 at 200 dpi, compressed, in
// the worker thread, then put into one PDF) against only decoding the same five JPEGs, in this run.
// Run alone with `tsx bench/document-capture.ts`; `npm run bench` runs it too.
import sharp from 'sharp';
import { normaliseInWorker, pdfInWorker } from '../src/modules/forms/capture/image-thread.ts';
import { pagePhoto } from '../tests/support/page-photos.ts';
import { record } from './load.ts';

/** Five 12-megapixel photos as a phone takes them (4032 × 3024), one turned by its EXIF tag. */
async function phonePhotos(): Promise<Buffer[]> {
  return Promise.all(
    [1, 2, 3, 4, 5].map((seed) =>
      pagePhoto({ width: 3024, height: 4032, seed, ...(seed === 2 ? { orientation: 6 as const } : {}) }),
    ),
  );
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await work();
  return performance.now() - began;
}

export async function benchDocumentCapture(rounds = 5): Promise<void> {
  const photos = await phonePhotos();
  const assemble = async () => {
    const pages = [];
    for (const photo of photos) pages.push(await normaliseInWorker(photo, false));
    await pdfInWorker(pages, 'Bench');
  };
  const decode = async () => {
    for (const photo of photos) await sharp(photo).raw().toBuffer();
  };
  await assemble(); // warm up the worker thread and libvips
  await decode();
  const ratios: number[] = [];
  const candidate: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const a = await timed(assemble);
    const d = await timed(decode);
    // As throughputs (documents per second), so that the ratio reads like the other benchmarks'.
    candidate.push(1000 / a);
    baseline.push(1000 / d);
    ratios.push(d / a);
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;
  record('five-page PDF from phone photos vs decoding the JPEGs alone', {
    ratio: median(ratios),
    candidate: median(candidate),
    baseline: median(baseline),
  });
  process.stdout.write(
    [
      'five-page PDF from five 12 MP phone photos vs decoding the five JPEGs alone',
      `  ratio            ${median(ratios).toFixed(3)}  (1.0 = as fast as the baseline)`,
      `  median ms        ${Math.round(1000 / median(candidate))} vs ${Math.round(1000 / median(baseline))} (this machine, this run only)`,
      '',
    ].join('\n'),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDocumentCapture();
