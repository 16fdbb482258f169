import { totpUri } from './local-means.ts';

/**
 * The TOTP set-up as a QR code an authenticator app scans: SVG markup drawn by the `qrcode` library
 * from the `otpauth://` URI, inlined in the page (an image that needs no script, which the CSP forbids).
 */
export async function totpQrCode(secret: string, label: string): Promise<{ uri: string; svg: string }> {
  const uri = totpUri(secret, label || 'Guichet');
  const { default: QRCode } = await import('qrcode'); // loaded at the first QR code, not at every start
  return {
    uri,
    svg: await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: 192 }),
  };
}
