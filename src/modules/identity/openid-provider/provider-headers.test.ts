import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveTestApp } from '../../../../tests/support/serve-test-app.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;

beforeAll(async () => {
  server = await serveTestApp();
});
afterAll(() => server?.close());

/** Pages the OpenID providers render themselves, outside the site's layout and middleware. */
const providerPages = [
  '/oidc/session/end',
  '/oidc/auth?client_id=unknown&response_type=code&scope=openid',
  '/oidc/no-such-endpoint',
  '/.well-known/openid-configuration',
  '/dev-idp/session/end',
  '/dev-idp/auth?client_id=unknown',
];

describe('the OpenID providers’ own pages', () => {
  it.each(providerPages)('%s carries the headers the rest of the site sends', async (path) => {
    const site = await fetch(`${server.url}/login`);
    const page = await fetch(`${server.url}${path}`, { redirect: 'manual' });
    const csp = page.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).toContain("object-src 'none'");
    for (const header of [
      'X-Content-Type-Options',
      'X-Frame-Options',
      'Referrer-Policy',
      'Permissions-Policy',
    ]) {
      expect([header, page.headers.get(header)]).toEqual([header, site.headers.get(header)]);
    }
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('lets only Guichet’s provider send a form on to an application', async () => {
    const own = (await fetch(`${server.url}/oidc/session/end`)).headers.get('Content-Security-Policy');
    const dev = (await fetch(`${server.url}/dev-idp/session/end`)).headers.get('Content-Security-Policy');
    expect(own).toMatch(/form-action 'self'[^;]* https:/);
    expect(dev).not.toContain('https:');
  });
});
