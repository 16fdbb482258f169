// sharp (libvips) loads with the first page measured, not at every start.
const loadSharp = async () => (await import('sharp')).default;

/** What a page may be told before it is sent: each is measured, never guessed from the file. */
export type PageHint = 'tooDark' | 'tooSmall' | 'blurred';

export interface PageQuality {
  /** Mean brightness of the upright page, 0 (black) to 255 (white). */
  brightness: number;
  /** Variance of the Laplacian on a grayscale copy at `sharpnessSide` px: low means few edges, a blurred photo. */
  sharpness: number;
  width: number;
  height: number;
}

/** A page as kept until its document is made: upright, at most A4 at 200 dpi, JPEG. */
export interface NormalisedPage {
  jpeg: Buffer;
  width: number;
  height: number;
  hints: PageHint[];
}

/** A4 at ~200 dpi: enough to read small print, a few hundred kilobytes per page once compressed. */
export const pageLongSide = 2339;
export const pageShortSide = 1654;
/** Larger images are refused before decoding (a decompression bomb is tiny on the wire). */
export const maxInputPixels = 60_000_000;

// Thresholds measured on generated pages (page-image.test.ts): a page lit at 1/4 of normal light
// averages ~40, a phone photo of paper 150–220; a readable text page at 512 px scores well above 300,
// the same blurred with a 4 px Gaussian well below 100; under 900 px on the short side, 10-point text
// on A4 falls under ~100 dpi.
export const thresholds = { darkBelow: 70, blurredBelow: 120, smallShortSideBelow: 900 };
const sharpnessSide = 512;

/** Brightness, sharpness and size of an image, upright (EXIF orientation applied). */
export async function measureQuality(bytes: Uint8Array): Promise<PageQuality> {
  const sharp = await loadSharp();
  const upright = sharp(bytes, { limitInputPixels: maxInputPixels }).rotate();
  const {
    width = 0,
    height = 0,
    orientation,
  } = await sharp(bytes, { limitInputPixels: maxInputPixels }).metadata();
  const turned = orientation !== undefined && orientation >= 5;
  const { data, info } = await upright
    .clone()
    .grayscale()
    .resize(sharpnessSide, sharpnessSide, { fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    brightness: mean(data),
    sharpness: laplacianVariance(data, info.width, info.height),
    width: turned ? height : width,
    height: turned ? width : height,
  };
}

export function hintsOf(quality: PageQuality): PageHint[] {
  const hints: PageHint[] = [];
  if (quality.brightness < thresholds.darkBelow) hints.push('tooDark');
  if (Math.min(quality.width, quality.height) < thresholds.smallShortSideBelow) hints.push('tooSmall');
  if (quality.sharpness < thresholds.blurredBelow) hints.push('blurred');
  return hints;
}

/**
 * A photo or scan made into a page: turned upright from its EXIF orientation, fitted into A4 at
 * ~200 dpi (never enlarged), grayscale for text documents, compressed as JPEG; metadata (GPS!) dropped.
 */
export async function normalisePage(
  bytes: Uint8Array,
  options: { grayscale: boolean },
): Promise<NormalisedPage> {
  const quality = await measureQuality(bytes);
  const landscape = quality.width > quality.height;
  const sharp = await loadSharp();
  let image = sharp(bytes, { limitInputPixels: maxInputPixels })
    .rotate()
    .resize(landscape ? pageLongSide : pageShortSide, landscape ? pageShortSide : pageLongSide, {
      fit: 'inside',
      withoutEnlargement: true,
    })
    .flatten({ background: '#ffffff' });
  if (options.grayscale) image = image.toColourspace('b-w');
  // libjpeg-turbo rather than mozjpeg: pages a little larger, made several times faster (bench/).
  const { data, info } = await image.jpeg({ quality: 78 }).toBuffer({ resolveWithObject: true });
  return { jpeg: data, width: info.width, height: info.height, hints: hintsOf(quality) };
}

function mean(data: Uint8Array): number {
  let sum = 0;
  for (const value of data) sum += value;
  return data.length === 0 ? 0 : sum / data.length;
}

/** The 4-neighbour Laplacian's variance over the inner pixels (a classic focus measure). */
function laplacianVariance(data: Uint8Array, width: number, height: number): number {
  let sum = 0;
  let squares = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++)
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value =
        (data[i - 1] ?? 0) +
        (data[i + 1] ?? 0) +
        (data[i - width] ?? 0) +
        (data[i + width] ?? 0) -
        4 * (data[i] ?? 0);
      sum += value;
      squares += value * value;
      n++;
    }
  if (n === 0) return 0;
  const average = sum / n;
  return squares / n - average * average;
}
