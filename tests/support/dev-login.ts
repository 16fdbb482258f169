import { csrfTokenIn } from './test-app.ts';

/**
 * A client of a served test app logged in through the development identity provider, over real HTTP
 * (the OpenID round trip with its redirects and cookies), as a browser would but without one: for
 * tests where the same server must also tell API keys apart, which an overridden actor cannot.
 */
export async function devSession(baseUrl: string, sub: string, level = 'high') {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(new URL(path, baseUrl), {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookie() },
    });
    remember(response);
    return response;
  }
  /** Follows redirects from `response` (all within the test server) to the page they end on. */
  async function follow(response: Response): Promise<Response> {
    let current = response;
    while (current.status >= 300 && current.status < 400) {
      current = await request(current.headers.get('location') ?? '/');
    }
    return current;
  }
  const interaction = await follow(await request(`/login/oidc/dev?level=${level}`));
  const done = await follow(
    await request(new URL(interaction.url).pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfTokenIn(await interaction.text()), person: sub, level }),
    }),
  );
  if (!done.ok) throw new Error(`Login of ${sub} ended with ${done.status}`);
  let token = '';
  return {
    /** A page, keeping the CSRF token of its first form for the next post. */
    async get(path: string) {
      const response = await request(path);
      const html = await response.clone().text();
      if (html.includes('name="_csrf"')) token = csrfTokenIn(html);
      return response;
    },
    post(path: string, fields: Record<string, string> = {}) {
      return request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, ...fields }),
      });
    },
  };
}
