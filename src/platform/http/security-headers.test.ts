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

describe('the CSP nonce', () => {
  it('is new for every response and the one the page is given', async () => {
    const config = loadConfig({
      MASTER_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      COMMERCIAL_REGISTER_URL: 'https://register.example/api',
      METRICS_TOKEN: 'a-long-metrics-token',
    });
    const app = new Hono<AppEnv>()
      .use(securityHeaders(config))
      .get('/', (c) => c.text(c.var.secureHeadersNonce ?? ''));
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const response = await app.request('/');
      const given = await response.text();
      expect(given).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(response.headers.get('Content-Security-Policy')).toContain(`script-src 'nonce-${given}'`);
      seen.add(given);
    }
    expect(seen.size).toBe(600); // across more than one refill of the pool
  });
});

describe('the security headers', () => {
  it('replace what a handler set and carry HSTS under HTTPS', async () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://guichet.vs.ch',
      MASTER_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      COMMERCIAL_REGISTER_URL: 'https://register.example/api',
      METRICS_TOKEN: 'a-long-metrics-token',
    });
    const app = new Hono<AppEnv>().use(securityHeaders(config)).get('*', (c) => {
      c.header('Content-Security-Policy', "script-src 'unsafe-inline'");
      c.header('X-Frame-Options', 'SAMEORIGIN');
      c.header('X-Powered-By', 'something');
      return c.text('ok');
    });
    const page = (await app.request('/')).headers;
    expect(page.get('Content-Security-Policy')).toMatch(
      /^default-src 'self'; script-src 'nonce-[^']+' 'strict-dynamic'; .*object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'/,
    );
    expect(page.get('X-Frame-Options')).toBe('DENY');
    expect(page.get('X-Powered-By')).toBeNull();
    expect(page.get('Strict-Transport-Security')).toBe('max-age=63072000; includeSubDomains');
    expect(page.get('X-Content-Type-Options')).toBe('nosniff');
    expect(page.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
    expect(page.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    expect((await app.request('/assets/site.css')).headers.get('Cross-Origin-Resource-Policy')).toBe(
      'cross-origin',
    );
  });
});
