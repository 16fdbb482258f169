import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';

/**
 * A generated photo of a text page: white paper, lines of "words" (black blocks of varied widths), a
 * dark band at the top so that which way is up can be checked. `orientation: 6` stores the pixels
 * turned a quarter left with the EXIF tag that tells viewers to turn them back (as phones held upright do).
 */
export async function pagePhoto(
  options: {
    width?: number;
    height?: number;
    seed?: number;
    orientation?: 6;
    light?: number;
    blur?: number;
  } = {},
): Promise<Buffer> {
  const { width = 1200, height = 1600, seed = 1, light = 1 } = options;
  const pixels = Buffer.alloc(width * height, Math.round(235 * light));
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const fill = (x0: number, y0: number, w: number, h: number, value: number) => {
    for (let y = y0; y < Math.min(height, y0 + h); y++)
      pixels.fill(value, y * width + x0, y * width + Math.min(width, x0 + w));
  };
  fill(0, 0, width, Math.round(height / 10), Math.round(30 * light));
  const line = Math.max(8, Math.round(height / 40));
  for (let y = Math.round(height / 8); y < height - line * 2; y += line * 2)
    for (let x = Math.round(width / 12); x < width - width / 12; ) {
      const word = Math.round((0.03 + random() * 0.08) * width);
      fill(x, y, Math.min(word, width - x), line, Math.round(20 * light));
      x += word + Math.round(width / 60);
    }
  let image = sharp(pixels, { raw: { width, height, channels: 1 } });
  if (options.blur) image = image.blur(options.blur);
  if (options.orientation === 6)
    // Stored turned a quarter to the left; the tag tells viewers to turn it right.
    return sharp(await image.rotate(-90).jpeg({ quality: 90 }).toBuffer())
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 90 })
      .toBuffer();
  return image.jpeg({ quality: 90 }).toBuffer();
}

/** The JPEG images embedded in a PDF, in page order, with their dimensions and top band's brightness. */
export async function pdfImages(pdfBytes: Uint8Array) {
  const pdf = await PDFDocument.load(pdfBytes);
  const images = [];
  for (const page of pdf.getPages()) {
    const xObjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
    if (!xObjects || !('entries' in xObjects)) continue;
    for (const [, ref] of (xObjects as unknown as { entries(): [unknown, unknown][] }).entries()) {
      const stream = pdf.context.lookup(ref as never);
      if (!(stream instanceof PDFRawStream)) continue;
      const jpeg = Buffer.from(stream.contents);
      const { width = 0, height = 0 } = await sharp(jpeg).metadata();
      images.push({ jpeg, width, height, topIsDark: await topIsDark(jpeg) });
    }
  }
  return { pageCount: pdf.getPageCount(), images };
}

/** Whether the top twentieth of an image is much darker than the whole: the fixture's band is up. */
async function topIsDark(jpeg: Buffer): Promise<boolean> {
  const { width = 0, height = 0 } = await sharp(jpeg).metadata();
  const band = Math.max(1, Math.round(height / 20));
  // `stats()` reads the input, not the pipeline: the band is cut out first.
  const top = await sharp(
    await sharp(jpeg).extract({ left: 0, top: 0, width, height: band }).toBuffer(),
  ).stats();
  const whole = await sharp(jpeg).stats();
  return (top.channels[0]?.mean ?? 255) + 80 < (whole.channels[0]?.mean ?? 0);
}
