import type jsQRModule from 'jsqr';
import type { OutputInfo } from 'sharp';

/**
 * The text of the QR code in a PNG or JPEG (a scan, a photo, a rendered page); throws
 * {@link NoQrCode} when none can be read. Large photos are scaled down first: jsQR's time grows with the pixels, and a
 * printed code stays readable well below a phone camera's resolution.
 */
export class NoQrCode extends Error {
  constructor() {
    super('No readable QR code in the image');
  }
}

export async function readQrImage(image: Uint8Array): Promise<string> {
  // sharp (libvips) and jsqr load with the first image read, not at every start.
  const [{ default: sharp }, { default: jsQRModule }] = await Promise.all([import('sharp'), import('jsqr')]);
  // jsqr is CommonJS with a `default` export in its types: under Node's ESM the import is the function.
  const jsQR = jsQRModule as unknown as typeof jsQRModule.default;
  let raw: { data: Buffer; info: OutputInfo };
  try {
    raw = await sharp(image)
      .rotate()
      .resize({ width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new NoQrCode();
  }
  const pixels = new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength);
  const found = jsQR(pixels, raw.info.width, raw.info.height, { inversionAttempts: 'attemptBoth' });
  if (!found) throw new NoQrCode();
  return found.data;
}
