import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import type { AppEnv } from './route.ts';
import { securityHeaders } from './security-headers.ts';

describe('the checkout’s form-action', () => {
  it('lets a checkout lead to either provider an authority may use', async () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://guichet.vs.ch',
      MASTER_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      COMMERCIAL_REGISTER_URL: 'https://register.example/api',
      METRICS_TOKEN: 'a-long-metrics-token',
      SAFERPAY_API_URL: 'https://test.saferpay.com/api',
    });
    const app = new Hono<AppEnv>().use(securityHeaders(config)).get('/', (c) => c.text('ok'));
    const csp = (await app.request('/')).headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("form-action 'self' https://pay.datatrans.com https://test.saferpay.com");
  });
});
