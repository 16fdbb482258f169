import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectedRoute } from '../../src/platform/http/app.tsx';
import { needsCsrfToken } from '../../src/platform/http/route.ts';
import { type ActorName, type Cast, createCast } from './support/cast.ts';
import { actorFor, fillPath } from './support/requests.ts';
import { forgetRateLimits, inParallel, writeResults } from './support/results.ts';

/**
 * Hostile input through every form field (read from the forms the router's own pages show) and every
 * API body field (from the routes' zod schemas): never a server error, never rendered back as markup,
 * never a header split. Callbacks from outside (payment provider, SMS gateway, identity provider)
 * unsigned or wrongly signed are refused; replayed and stale ones are the payments module's tests
 * (src/modules/payments/webhook.test.ts).
 */
const corpus = [
  '<script>alert("xss-1")</script>',
  '"><img src=x onerror=alert("xss-2")>',
  "javascript:alert('xss-3')",
  "' OR '1'='1' --",
  "Robert'); DROP TABLE persons;--",
  'line\r\nSet-Cookie: injected=1',
  '\u202Egnp.exe\u0000 ᴬdmin \uFEFF',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax is the payload
  '{{7*7}} ${7*7} <%= 7*7 %>',
  'ａｄｍｉｎ@ex\u00ADample.ch',
  'x'.repeat(20_000),
];
/** What would be markup if a payload came back unescaped. */
const unescaped = [/<script>alert\("xss-1"\)/, /<img src=x onerror=/];

let cast: Cast;
let routes: CollectedRoute[];
let session: { cookie: string; csrf: string };

beforeAll(async () => {
  cast = await createCast();
  routes = [...(cast.testApp.platform.routes() as CollectedRoute[])];
  const page = await cast.testApp.app.request('/login/recover');
  session = {
    cookie: page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
    csrf: (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '',
  };
}, 120_000);
afterAll(() => cast.close());

async function send(route: CollectedRoute, actor: ActorName, body: string, type: string) {
  await forgetRateLimits(cast.db);
  const response = await cast.testApp.app.request(fillPath(route, cast), {
    method: route.method,
    headers: {
      ...cast.headersOf(actor),
      Cookie: session.cookie,
      'X-CSRF-Token': session.csrf,
      'Content-Type': type,
      'Idempotency-Key': crypto.randomUUID(),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, headers: response.headers };
}

function problemsOf(where: string, answer: Awaited<ReturnType<typeof send>>): string[] {
  const found: string[] = [];
  if (answer.status === 500) found.push(`${where}: server error`);
  if (unescaped.some((p) => p.test(answer.text)) && !answer.headers.get('Content-Type')?.includes('json'))
    found.push(`${where}: payload rendered as markup`);
  if (answer.headers.getSetCookie().some((c) => c.startsWith('injected')))
    found.push(`${where}: header split`);
  return found;
}

describe('hostile input', () => {
  it('survives the corpus in every form field and API field, and renders it back as text', async () => {
    const problems: string[] = [];
    let fields = 0;
    let requests = 0;
    const forms = routes.filter((r) => needsCsrfToken(r) && !r.uploads);
    await inParallel(forms, 4, async (route) => {
      const actor = actorFor(route);
      const page = routes.find((r) => r.method === 'GET' && r.path === route.path);
      const html = page
        ? await (
            await cast.testApp.app.request(fillPath(page, cast), { headers: cast.headersOf(actor) })
          ).text()
        : '';
      const names = [
        ...new Set(
          [...html.matchAll(/<(?:input|textarea|select)[^>]*name="([^"]+)"/g)].map((m) => m[1] as string),
        ),
      ].filter((n) => n !== '_csrf');
      fields += names.length;
      for (const value of corpus) {
        const body = new URLSearchParams({
          _csrf: session.csrf,
          ...Object.fromEntries((names.length ? names : ['q']).map((n) => [n, value])),
        });
        requests += 1;
        problems.push(
          ...problemsOf(
            `${route.method} ${route.path}`,
            await send(route, actor, body.toString(), 'application/x-www-form-urlencoded'),
          ),
        );
      }
    });
    const apiWrites = routes.filter((r) => r.api && r.method !== 'GET');
    for (const route of apiWrites) {
      const shape = (route.api?.body as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      const names = Object.keys(shape);
      fields += names.length;
      for (const value of corpus) {
        requests += 1;
        const body = JSON.stringify(Object.fromEntries(names.map((n) => [n, value])));
        problems.push(
          ...problemsOf(`${route.method} ${route.path}`, await send(route, 'keyX', body, 'application/json')),
        );
      }
      requests += 1;
      problems.push(
        ...problemsOf(
          `${route.method} ${route.path} (not JSON)`,
          await send(route, 'keyX', '{"unclosed": ', 'application/json'),
        ),
      );
    }
    // Everything the payloads were stored into, read back by those who see it.
    for (const actor of ['citizenA', 'adminX', 'agentX'] as const)
      await inParallel(
        routes.filter((r) => r.method === 'GET' && r.access !== 'machine'),
        8,
        async (route) => {
          const response = await cast.testApp.app.request(fillPath(route, cast), {
            headers: cast.headersOf(actor),
          });
          const text = response.headers.get('Content-Type')?.includes('html') ? await response.text() : '';
          if (unescaped.some((p) => p.test(text)))
            problems.push(`${actor} GET ${route.path}: payload rendered as markup`);
        },
      );
    writeResults('hostile-input', {
      formRoutes: forms.length,
      apiWriteRoutes: apiWrites.length,
      fields,
      payloads: corpus.length,
      requests,
      problems,
    });
    expect(problems).toEqual([]);
  }, 300_000);

  it('refuses callbacks from outside that are unsigned or wrongly signed', async () => {
    const callbacks = routes.filter(
      (r) => r.access === 'machine' && r.method === 'POST' && !/^\/(simulators|oidc|dev-idp)\//.test(r.path),
    );
    const answers: { route: string; attempt: string; status: number }[] = [];
    for (const route of callbacks) {
      const path = fillPath(route, cast);
      for (const [attempt, headers] of [
        ['unsigned', {}],
        ['wrongly signed', { 'Datatrans-Signature': 't=1700000000,s0=00ff', Authorization: 'Bearer forged' }],
      ] as const) {
        const response = await cast.testApp.app.request(path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify({ transactionId: '1', status: 'settled', logout_token: 'forged' }),
        });
        answers.push({ route: `${route.method} ${route.path}`, attempt, status: response.status });
      }
    }
    writeResults('callbacks', { callbackRoutes: callbacks.map((r) => r.path), answers });
    expect(callbacks.length).toBeGreaterThanOrEqual(3);
    expect(answers.filter((a) => a.status < 400 || a.status >= 500)).toEqual([]);
  });
});
