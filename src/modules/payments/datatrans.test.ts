import { describe, expect, it } from 'vitest';
import { datatrans, signature } from './datatrans.ts';

/**
 * A known answer, computed once outside this code base, so that the signature is not checked only
 * against our own function (which the simulator shares):
 *   printf '%s%s' "$t" "$body" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$key
 */
const key = '8a2f4c1e9b7d3a5f6e0c2b4d8f1a3c5e7b9d0f2a4c6e8b1d3f5a7c9e0b2d4f6a';
const t = '1764460800000';
const body =
  '{"transactionId":"251130100000000001","type":"payment","status":"settled","currency":"CHF","refno":"GU-2026-0000001","detail":{"settle":{"amount":5000}}}';
const expected = '8e0f45f8dfa069ad8e9f5f34747cf9811488328fa862ca4a833160dce73a882f';

const provider = datatrans({
  merchantId: '1100000000',
  password: 'test',
  signKey: key,
  apiUrl: 'http://127.0.0.1:9',
  payUrl: 'http://127.0.0.1:9',
});

describe('the Datatrans webhook signature', () => {
  it('is the known HMAC-SHA256 of the timestamp and the body, keyed by the hex sign key', () => {
    expect(signature(key, t, body)).toBe(expected);
    const signedAt = new Date(Number(t));
    expect(provider.verifyWebhook(body, `t=${t},s0=${expected}`, signedAt)).toEqual({
      signature: expected,
      signedAt,
    });
  });

  it('fails for another body, another timestamp or another key', () => {
    const at = new Date(Number(t));
    expect(provider.verifyWebhook(body.replace('5000', '5001'), `t=${t},s0=${expected}`, at)).toBe('invalid');
    expect(provider.verifyWebhook(body, `t=${Number(t) + 1},s0=${expected}`, at)).toBe('invalid');
    expect(provider.verifyWebhook(body, `t=${t},s0=${signature('00'.repeat(32), t, body)}`, at)).toBe(
      'invalid',
    );
    expect(provider.verifyWebhook(body, undefined, at)).toBe('invalid');
  });

  it('is believed for five minutes either side of its timestamp, no longer', () => {
    const header = `t=${t},s0=${expected}`;
    const at = (offsetMs: number) => new Date(Number(t) + offsetMs);
    expect(provider.verifyWebhook(body, header, at(5 * 60_000))).not.toBe('stale');
    expect(provider.verifyWebhook(body, header, at(-5 * 60_000))).not.toBe('stale');
    expect(provider.verifyWebhook(body, header, at(5 * 60_000 + 1))).toBe('stale');
    expect(provider.verifyWebhook(body, header, at(-5 * 60_000 - 1))).toBe('stale');
  });
});
