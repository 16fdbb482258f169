import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectedRoute } from '../../src/platform/http/app.tsx';
import { type ActorName, type Cast, createCast } from './support/cast.ts';
import { fillPath } from './support/requests.ts';
import { inParallel, writeResults } from './support/results.ts';

/**
 * ASVS 3.3 and 3.4: every page the router serves, crawled as a visitor, a citizen and a clerk behind
 * HTTPS, carries the site's headers; every cookie it sets is Secure and SameSite, the session's is
 * `__Host-` and HttpOnly. And `/.well-known/security.txt` is served as RFC 9116 asks.
 */
const publicUrl = 'https://guichet.example.ch';
let cast: Cast;
let routes: CollectedRoute[];

beforeAll(async () => {
  cast = await createCast({ env: { PUBLIC_URL: publicUrl } });
  routes = [...(cast.testApp.platform.routes() as CollectedRoute[])];
}, 120_000);
afterAll(() => cast.close());

/** What every answer must say, whatever it is. */
const everywhere: Record<string, RegExp> = {
  'strict-transport-security': /max-age=(\d{8,}|[3-9]\d{7}); includeSubDomains/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /^(strict-origin-when-cross-origin|no-referrer|same-origin|strict-origin)$/,
};
/** What every HTML page's policy must hold. */
const pageDirectives = [
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "default-src 'self'",
];

describe('headers and cookies', () => {
  it('puts the security headers on every page and every cookie under its rules', async () => {
    const crawlers: ActorName[] = ['anonymous', 'citizenA', 'agentX'];
    const reads = routes.filter((r) => r.method === 'GET');
    const visits = reads.flatMap((route) => crawlers.map((actor) => ({ route, actor })));
    const problems: string[] = [];
    const cookies = new Map<string, string>();
    let pages = 0;
    await inParallel(visits, 8, async ({ route, actor }) => {
      const path = fillPath(route, cast);
      const response = await cast.testApp.app.request(`${publicUrl}${path}`, {
        headers: cast.headersOf(actor),
      });
      const where = `${actor} GET ${route.path} → ${response.status}`;
      for (const [name, rule] of Object.entries(everywhere))
        if (!rule.test(response.headers.get(name) ?? ''))
          problems.push(`${where}: ${name} is "${response.headers.get(name)}"`);
      if (response.headers.get('Content-Type')?.startsWith('text/html')) {
        pages += 1;
        const csp = response.headers.get('content-security-policy') ?? '';
        for (const directive of pageDirectives)
          if (!csp.includes(directive)) problems.push(`${where}: CSP lacks ${directive}`);
        if (/script-src[^;]*'unsafe-inline'/.test(csp) && !/script-src[^;]*'nonce-/.test(csp))
          problems.push(`${where}: CSP allows inline scripts`);
      }
      for (const cookie of response.headers.getSetCookie()) cookies.set(cookie.split('=')[0] ?? '', cookie);
      await response.arrayBuffer();
    });
    // A visitor given a form gets the session cookie; so does a person logging in (same code path).
    const form = await cast.testApp.app.request(`${publicUrl}/login/recover`);
    for (const cookie of form.headers.getSetCookie()) cookies.set(cookie.split('=')[0] ?? '', cookie);
    const session = cookies.get('__Host-guichet_session');
    for (const [name, cookie] of cookies) {
      if (!/;\s*Secure/i.test(cookie)) problems.push(`cookie ${name} is not Secure`);
      if (!/;\s*SameSite=(Lax|Strict)/i.test(cookie)) problems.push(`cookie ${name} has no SameSite`);
      if (/;\s*Domain=/i.test(cookie)) problems.push(`cookie ${name} names a Domain`);
    }
    if (!session) problems.push('no __Host- session cookie was set');
    else {
      if (!/;\s*HttpOnly/i.test(session)) problems.push('the session cookie is readable by scripts');
      if (!/;\s*Path=\/(;|$)/i.test(session)) problems.push('the session cookie is not for the whole site');
    }
    writeResults('headers-and-cookies', {
      asvs: ['3.3.1', '3.3.2', '3.3.4', '3.4.1', '3.4.2', '3.4.3', '3.4.4', '3.4.5', '3.4.6'],
      routesCrawled: reads.length,
      crawlers,
      responses: visits.length,
      htmlPages: pages,
      cookies: [...cookies.values()].map((c) => c.replace(/=[^;]*/, '=…')),
      problems,
    });
    expect(problems).toEqual([]);
  }, 300_000);

  it('serves security.txt as RFC 9116 asks: a contact, an expiry within the year, canonical and policy', async () => {
    const response = await cast.testApp.app.request(`${publicUrl}/.well-known/security.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
    const fields = Object.fromEntries(
      (await response.text())
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
    );
    expect(fields.Contact).toBe('mailto:security@guichet.example.ch');
    const expires = Date.parse(fields.Expires ?? '');
    expect(expires).toBeGreaterThan(Date.now());
    expect(expires).toBeLessThan(Date.now() + 366 * 86_400_000);
    expect(fields.Canonical).toBe(`${publicUrl}/.well-known/security.txt`);
    expect(fields.Policy).toBe(`${publicUrl}/security`);
    const policy = await cast.testApp.app.request(`${publicUrl}/security?lang=en`);
    expect(await policy.text()).toContain('90 days');
  });
});
