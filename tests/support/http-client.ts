import type { Hono } from 'hono';
import type { AppEnv } from '../../src/platform/http/route.ts';
import { cookiesFrom, csrfTokenIn } from './test-app.ts';

/** A browser-like client over in-process requests: keeps its cookie and the CSRF token of the last page. */
export function httpClient(app: Hono<AppEnv>) {
  let cookie = '';
  let token = '';
  const remember = (response: Response) => {
    const fresh = cookiesFrom(response);
    if (fresh) cookie = fresh;
  };
  return {
    cookie: () => cookie,
    csrf: () => token,
    async get(path: string) {
      const response = await app.request(path, { headers: { Cookie: cookie } });
      remember(response);
      const html = await response.clone().text();
      if (html.includes('name="_csrf"')) token = csrfTokenIn(html);
      return response;
    },
    async post(path: string, fields: Record<string, string | string[]>) {
      const body = new URLSearchParams({ _csrf: token });
      for (const [name, value] of Object.entries(fields)) {
        for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
      }
      const response = await app.request(path, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      remember(response);
      return response;
    },
  };
}

/** A client logged in with e-mail and password (a means without second factor). */
export async function loggedInClient(app: Hono<AppEnv>, email: string, password: string) {
  const client = httpClient(app);
  await client.get('/login');
  const response = await client.post('/login/local', { email, password });
  if (response.status !== 303) throw new Error(`Login of ${email} failed with ${response.status}`);
  return client;
}
