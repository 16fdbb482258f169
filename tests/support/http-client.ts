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
    /** Posts a form with the last page's token; multipart as soon as a field holds a file. */
    async post(path: string, fields: Record<string, string | string[] | File>) {
      const values = Object.entries(fields).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((one) => [name, one] as const),
      );
      const multipart = values.some(([, value]) => value instanceof File);
      const body = multipart ? new FormData() : new URLSearchParams();
      body.append('_csrf', token);
      for (const [name, value] of values) (body as FormData).append(name, value);
      const response = await app.request(path, {
        method: 'POST',
        headers: multipart
          ? { Cookie: cookie }
          : { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      remember(response);
      return response;
    },
    /** What a person does: opens the page with the form (`from`), then sends it. */
    async submit(path: string, fields: Record<string, string | string[] | File>, from = path) {
      await this.get(from);
      return this.post(path, fields);
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
