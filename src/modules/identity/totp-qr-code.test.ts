import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpUri } from './local-means.ts';
import { totpQrCode } from './totp-qr-code.ts';

describe('the TOTP set-up as a QR code', () => {
  it('draws the otpauth URI of the key as inline SVG, without script', async () => {
    const secret = newTotpSecret();
    const { uri, svg } = await totpQrCode(secret, 'lea@example.ch');
    expect(uri).toBe(totpUri(secret, 'lea@example.ch'));
    expect(uri).toContain(`secret=${secret}`);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toMatch(/<script|on\w+=/i);
    // The picture is the key's: another key draws another code.
    expect((await totpQrCode(newTotpSecret(), 'lea@example.ch')).svg).not.toBe(svg);
  });
});
