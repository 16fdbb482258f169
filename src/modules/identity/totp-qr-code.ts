import QRCode from 'qrcode';
import { totpUri } from './local-means.ts';

/**
 * The TOTP set-up as a QR code an authenticator app scans: SVG markup drawn by the `qrcode` library
 * from the `otpauth://` URI, inlined in the page (an image that needs no script, which the CSP forbids).
 */
export function totpQrCode(secret: string, label: string): Promise<{ uri: string; svg: string }> {
  const uri = totpUri(secret, label || 'Guichet');
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, width: 192 }).then(
    (svg) => ({ uri, svg }),
  );
}
