import type { createTestApp } from '../../support/test-app.ts';

type App = Awaited<ReturnType<typeof createTestApp>>['app'];

/**
 * A browser without JavaScript over the in-process app: keeps its cookies by name and the last form's
 * CSRF token, and comes from one address (`X-Forwarded-For`, under TRUST_PROXY).
 */
export function browserOn(app: App, address = '192.0.2.10') {
  const jar = new Map<string, string>();
  let token = '';
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('Cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    headers.set('X-Forwarded-For', address);
    const response = await app.request(path, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  return {
    jar,
    get token() {
      return token;
    },
    async get(path: string) {
      const response = await request(path);
      const html = await response.clone().text();
      token = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? token;
      return response;
    },
    post(path: string, fields: Record<string, string>) {
      return request(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, ...fields }),
      });
    },
    /** Logs in with e-mail, password and the current TOTP code; the answers of both steps. */
    async logIn(email: string, password: string, code: () => string) {
      await this.get('/login');
      const first = await this.post('/login/local', { email, password });
      await this.get('/login/local/totp');
      const second = await this.post('/login/local/totp', { code: code() });
      return { first, second };
    },
  };
}
