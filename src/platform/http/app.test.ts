import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personActor } from '../../../tests/support/factories.ts';
import { cookiesFrom, createTestApp } from '../../../tests/support/test-app.ts';
import { allModules } from '../../runtime/build-app.ts';
import { type CollectedRoute, collectRoutes } from './app.tsx';
import { metricsApp } from './metrics.ts';
import { isStateChanging, needsCsrfToken } from './route.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let routes: CollectedRoute[];
// A platform admin with every staff role: whatever a route requires, the actor has it, so a refusal
// can only come from the missing CSRF token.
const superActor = personActor({ platformAdmin: true, staffRoles: [] });

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => superActor });
  routes = collectRoutes(testApp.platform, allModules);
});
afterAll(() => testApp.close());

const concretePath = (path: string) =>
  path
    .replace(/:slug/g, 'sion')
    .replace(/:provider/g, 'dev')
    .replace(/:(\w+)/g, 'x');

describe('route table', () => {
  it('declares who may call each route', () => {
    expect(routes.length).toBeGreaterThan(4);
    const known = ['anonymous', 'person', 'staff', 'platformAdmin', 'apiClient', 'metrics', 'machine'];
    for (const route of routes) expect(known, `${route.method} ${route.path}`).toContain(route.access);
  });

  it('exempts from CSRF only server-to-server endpoints and the API, whose callers authenticate themselves', () => {
    const exempt = routes.filter((r) => isStateChanging(r.method) && !needsCsrfToken(r));
    // The API's callers send a key or a token, never a cookie: all of it, and only it, under /api/.
    const api = exempt.filter((r) => r.path.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(0);
    expect(api.filter((r) => r.access !== 'apiClient')).toEqual([]);
    const others = exempt.filter((r) => !r.path.startsWith('/api/'));
    expect(others.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'PATCH /simulators/swiyu-issuer/management/api/credentials/:id/status',
      'POST /dev-idp/*',
      'POST /login/oidc/:provider/backchannel-logout',
      'POST /notifications/sms/receipts', // signed by the SMS gateway
      'POST /oidc/*',
      'POST /payments/webhooks/datatrans', // signed by the provider
      'POST /simulators/communal-erp/webhooks', // signed by Guichet (Standard Webhooks)
      'POST /simulators/datatrans/api/v1/transactions',
      'POST /simulators/datatrans/api/v1/transactions/:id/credit',
      'POST /simulators/datatrans/pay/v1/start/:id', // the provider's own page
      'POST /simulators/debt-register/webhooks', // signed by Guichet (Standard Webhooks)
      'POST /simulators/health-register/webhooks', // signed by Guichet (Standard Webhooks)
      'POST /simulators/narcotics-register/webhooks', // signed by Guichet (Standard Webhooks)
      'POST /simulators/push-service/:id',
      'POST /simulators/saferpay/api/Payment/v1/PaymentPage/Assert', // basic auth, as Saferpay's
      'POST /simulators/saferpay/api/Payment/v1/PaymentPage/Initialize',
      'POST /simulators/saferpay/api/Payment/v1/Transaction/Capture',
      'POST /simulators/saferpay/api/Payment/v1/Transaction/Refund',
      'POST /simulators/saferpay/vt/:token', // the provider's own page
      'POST /simulators/sms-gateway/messages',
      // The swiyu services' management APIs (internal network or bearer token) and wallet-facing endpoints.
      'POST /simulators/swiyu-issuer/management/api/credentials',
      'POST /simulators/swiyu-issuer/oid4vci/api/credential', // the access token and a proof of possession
      'POST /simulators/swiyu-issuer/oid4vci/api/nonce',
      'POST /simulators/swiyu-issuer/oid4vci/api/token', // the pre-authorised code
      'POST /simulators/swiyu-verifier/management/api/verifications',
      'POST /simulators/swiyu-verifier/oid4vp/api/request-object/:id/response-data', // a key-bound presentation
      'POST /simulators/tax-system/webhooks', // signed by Guichet (Standard Webhooks)
      'POST /simulators/tsa', // RFC 3161 over HTTP: dates a hash for anyone
    ]);
  });

  it('refuses every state-changing route without a valid CSRF token', async () => {
    const stateChanging = routes.filter(needsCsrfToken);
    expect(stateChanging.length).toBeGreaterThan(0);
    // A session with a real token, to prove the forged token (not the session) is what is refused.
    const page = await testApp.app.request('/authorities/sion/branding');
    const cookie = cookiesFrom(page);
    for (const route of stateChanging) {
      const path = concretePath(route.path);
      for (const body of ['', '_csrf=forged']) {
        const response = await testApp.app.request(path, {
          method: route.method,
          headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
        });
        expect(response.status, `${route.method} ${path} with "${body}"`).toBe(403);
        expect(await response.text()).toMatch(/Formulaire expiré|Form expired|Formular abgelaufen/);
      }
    }
  });
});

describe('security headers', () => {
  it('sends a strict CSP whose nonce is the one on the page’s scripts and styles', async () => {
    const response = await testApp.app.request('/');
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).toContain(`<script type="module" src="/assets/guichet.`);
    expect(html.match(/nonce="([^"]+)"/g)?.every((n) => n === `nonce="${nonce}"`)).toBe(true);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    expect(response.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives each response its own nonce', async () => {
    const nonceOf = async () => (await testApp.app.request('/')).headers.get('Content-Security-Policy');
    expect(await nonceOf()).not.toBe(await nonceOf());
  });
});

describe('static assets', () => {
  it('serves hashed assets as immutable and 404s unknown ones', async () => {
    const html = await (await testApp.app.request('/')).text();
    const cssUrl = html.match(/href="(\/assets\/guichet\.[0-9a-f]{10}\.css)"/)?.[1] ?? '';
    const css = await testApp.app.request(cssUrl);
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toContain('text/css');
    expect(css.headers.get('Cache-Control')).toContain('immutable');
    expect((await testApp.app.request('/assets/guichet.0000000000.css')).status).toBe(404);
  });
});

describe('operations endpoints', () => {
  it('answers liveness and readiness', async () => {
    expect(await (await testApp.app.request('/health/live')).json()).toEqual({ status: 'ok' });
    expect(await (await testApp.app.request('/health/ready')).json()).toEqual({ status: 'ok' });
  });

  it('exposes Prometheus metrics counting requests by route pattern', async () => {
    await testApp.app.request('/communes/sion');
    const text = await (await testApp.app.request('/metrics')).text();
    expect(text).toMatch(
      /guichet_http_requests_total\{method="GET",route="\/communes\/:commune",status="200"\} \d+/,
    );
  });

  it('protects metrics with a bearer token when one is configured', async () => {
    const guarded = await createTestApp({ env: { METRICS_TOKEN: 's3cret' } });
    try {
      expect((await guarded.app.request('/metrics')).status).toBe(401);
      const ok = await guarded.app.request('/metrics', { headers: { Authorization: 'Bearer s3cret' } });
      expect(ok.status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('serves metrics only on their own listener when METRICS_PORT is set', async () => {
    const apart = await createTestApp({ env: { METRICS_PORT: '9464' } });
    try {
      expect((await apart.app.request('/metrics')).status).toBe(404);
      const listener = metricsApp(apart.metrics, 's3cret');
      expect((await listener.request('/metrics')).status).toBe(401);
      const ok = await listener.request('/metrics', { headers: { Authorization: 'Bearer s3cret' } });
      expect(await ok.text()).toContain('guichet_http_requests_total');
      expect((await metricsApp(apart.metrics, undefined).request('/metrics')).status).toBe(200);
      expect((await listener.request('/')).status).toBe(404);
    } finally {
      await apart.close();
    }
  });
});

describe('cookies', () => {
  it('names the session cookie __Host- and marks it Secure under HTTPS', async () => {
    const secure = await createTestApp({ env: { PUBLIC_URL: 'https://guichet.example' } });
    try {
      const cookie = (await secure.app.request('/login')).headers
        .getSetCookie()
        .find((c) => c.includes('guichet_session'));
      expect(cookie).toMatch(/^__Host-guichet_session=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    } finally {
      await secure.close();
    }
  });
});

describe('errors', () => {
  it('renders a branded 404 in the visitor’s language, and problem details for API clients', async () => {
    const page = await testApp.app.request('/nowhere?lang=de');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Seite nicht gefunden');
    const api = await testApp.app.request('/api/nowhere');
    expect(api.status).toBe(404);
    expect(api.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await api.json()).toMatchObject({ status: 404, code: 'not_found' });
  });
});
