import { describe, expect, it } from 'vitest';
import { pagePhoto, pdfImages } from '../../../../tests/support/page-photos.ts';
import { normaliseInWorker, pdfInWorker } from './image-thread.ts';
import { hintsOf, measureQuality, normalisePage, pageShortSide, thresholds } from './page-image.ts';
import { pdfFromPages } from './pdf-from-pages.ts';

describe('a page photo', () => {
  it('is told too dark, too small or blurred from measures, and a good photo is told nothing', async () => {
    const good = await measureQuality(await pagePhoto());
    const dark = await measureQuality(await pagePhoto({ light: 0.25 }));
    const small = await measureQuality(await pagePhoto({ width: 600, height: 800 }));
    const blurred = await measureQuality(await pagePhoto({ blur: 6 }));
    expect(hintsOf(good)).toEqual([]);
    expect(dark.brightness).toBeLessThan(thresholds.darkBelow);
    expect(hintsOf(dark)).toContain('tooDark');
    expect(hintsOf(small)).toEqual(['tooSmall']);
    expect(blurred.sharpness).toBeLessThan(thresholds.blurredBelow);
    expect(good.sharpness).toBeGreaterThan(thresholds.blurredBelow * 2);
    expect(hintsOf(blurred)).toEqual(['blurred']);
  });

  it('comes out upright from its EXIF orientation, fitted in A4 at 200 dpi, without its metadata', async () => {
    const turned = await pagePhoto({ width: 2400, height: 3200, orientation: 6 });
    const page = await normalisePage(turned, { grayscale: false });
    // 3:4 is narrower than A4: the width is what limits it.
    expect([page.width, page.height]).toEqual([pageShortSide, Math.round((pageShortSide * 4) / 3)]);
    const [image] = (await pdfImages(await pdfFromPages([page], 'Test'))).images;
    expect(image?.topIsDark).toBe(true);
    expect(page.jpeg.includes(Buffer.from('Exif'))).toBe(false);
  });

  it('is never enlarged, and made grayscale for text documents', async () => {
    const page = await normalisePage(await pagePhoto({ width: 1000, height: 1400 }), { grayscale: true });
    expect([page.width, page.height]).toEqual([1000, 1400]);
    const sharp = (await import('sharp')).default;
    expect((await sharp(page.jpeg).metadata()).channels).toBe(1);
  });

  it('makes one PDF of pages in the worker thread, each page upright on its own A4 sheet', async () => {
    const photos = [
      await pagePhoto({ seed: 1 }),
      await pagePhoto({ seed: 2, orientation: 6 }),
      await pagePhoto({ seed: 3 }),
    ];
    const pages = await Promise.all(photos.map((photo) => normaliseInWorker(photo, false)));
    const pdf = await pdfInWorker(pages, 'Diplôme');
    const { pageCount, images } = await pdfImages(pdf);
    expect(pageCount).toBe(3);
    for (const image of images) {
      expect(image.width).toBeLessThan(image.height);
      expect(image.topIsDark).toBe(true);
    }
  });

  it('refuses an image whose pixels would take hundreds of megabytes before decoding them', async () => {
    const sharp = (await import('sharp')).default;
    // 9000 × 9000 of one colour compresses to a few kilobytes.
    const bomb = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await expect(normaliseInWorker(bomb, false)).rejects.toThrow(/pixel/i);
  });
});
