import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectedRoute } from '../../src/platform/http/app.tsx';
import { needsCsrfToken } from '../../src/platform/http/route.ts';
import { type Cast, createCast } from './support/cast.ts';
import { actorFor, fillPath } from './support/requests.ts';
import { forgetRateLimits, inParallel, writeResults } from './support/results.ts';

/**
 * ASVS 3.5.1–3.5.3 on every state-changing route of the router: a request without the token, with
 * another session's token, from another site (even holding a valid token), or with a token only a
 * "simple" content type carries, is refused before it reaches its handler; and no GET changes state.
 */
let cast: Cast;
let routes: CollectedRoute[];
const browser = async (cast: Cast) => {
  const page = await cast.testApp.app.request('/login/recover');
  return {
    cookie: page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
    token: (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '',
  };
};

beforeAll(async () => {
  cast = await createCast();
  routes = [...(cast.testApp.platform.routes() as CollectedRoute[])];
}, 120_000);
afterAll(() => cast.close());

describe('cross-site request forgery', () => {
  it('refuses every forged write on every route that takes the token', async () => {
    const victim = await browser(cast);
    const other = await browser(cast);
    const writes = routes.filter(needsCsrfToken);
    const attacks = {
      'no token': {},
      'another session’s token': { 'X-CSRF-Token': other.token },
      'cross-site Origin with a valid token': {
        'X-CSRF-Token': victim.token,
        Origin: 'https://evil.example',
      },
      'cross-site fetch metadata with a valid token': {
        'X-CSRF-Token': victim.token,
        'Sec-Fetch-Site': 'cross-site',
      },
    } as Record<string, Record<string, string>>;
    const cases = writes.flatMap((route) => [
      ...Object.entries(attacks).map(([attack, headers]) => ({
        route,
        attack,
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'subject=forged',
      })),
      // A form a browser may send across sites without asking: the token in a text/plain body is not read.
      {
        route,
        attack: 'text/plain body holding the token',
        headers: { 'Content-Type': 'text/plain' },
        body: `_csrf=${victim.token}`,
      },
    ]);
    const answers = await inParallel(cases, 8, async ({ route, attack, headers, body }) => {
      await forgetRateLimits(cast.db);
      const response = await cast.testApp.app.request(fillPath(route, cast), {
        method: route.method,
        headers: { ...headers, ...cast.headersOf(actorFor(route)), Cookie: victim.cookie },
        body,
      });
      return { route: `${route.method} ${route.path}`, attack, status: response.status };
    });
    const failures = answers.filter((a) => a.status !== 403);
    // Without the token but otherwise right, the same request would get through: the refusals above are
    // the token's, not the policy's.
    const control = await cast.testApp.app.request('/preferences', {
      method: 'POST',
      headers: {
        ...cast.headersOf('citizenA'),
        Cookie: victim.cookie,
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://localhost',
      },
      body: new URLSearchParams({ _csrf: victim.token, language: 'de' }).toString(),
    });
    writeResults('csrf', {
      asvs: ['3.5.1', '3.5.2', '3.5.3'],
      stateChangingRoutes: writes.length,
      exemptRoutes: routes
        .filter((r) => r.method !== 'GET' && !needsCsrfToken(r))
        .map((r) => `${r.method} ${r.path} (${r.access})`),
      attacks: [...Object.keys(attacks), 'text/plain body holding the token'],
      requests: answers.length,
      failures,
    });
    expect(failures).toEqual([]);
    expect(control.status).toBeLessThan(400);
  }, 300_000);

  it('changes nothing on any GET, whoever asks', async () => {
    const reads = routes.filter((r) => r.method === 'GET' && r.access !== 'machine');
    const before = await fingerprint();
    const asked = await inParallel(
      reads.flatMap((route) => (['anonymous', actorFor(route)] as const).map((actor) => ({ route, actor }))),
      8,
      async ({ route, actor }) => {
        const response = await cast.testApp.app.request(fillPath(route, cast), {
          headers: cast.headersOf(actor),
        });
        await response.arrayBuffer();
        return response.status;
      },
    );
    const after = await fingerprint();
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    writeResults('get-is-safe', {
      asvs: ['3.5.3'],
      getRoutes: reads.length,
      requests: asked.length,
      tablesWatched: Object.keys(after).length,
      tablesExempt: Object.entries(readTraces),
      rowsExempt: Object.entries(readRows),
      changed,
    });
    expect(changed).toEqual([]);
  }, 300_000);
});

/**
 * What reading legitimately writes: the visitor's session and rate counters, and the traces the law
 * asks of reading (who read which document, when; ASVS 16.x), which are records of the read itself.
 */
const readTraces: Record<string, string> = {
  sessions: 'the visitor’s own session',
  rate_limit_hits: 'counters of the rate limit',
  account_access_log: 'who read what in an account, shown to its holder',
  document_reads: 'a document opened by a person (read or unread)',
  message_threads: 'when each side last read a thread',
  notifications: 'an in-portal notification seen',
  api_keys: 'when a key was last used',
  vapid_keys: 'the push keys, made on first use',
  signing_local_ca: 'the demo CA, made on first use',
  seal_keys: 'an authority’s seal key, made on first use',
  oidc_signing_keys: 'the OpenID provider’s signing keys, made on first use',
  change_log: 'the scopes the writes above changed, logged with them (ADR 32)',
  change_log_marks: 'where the change log’s purge has reached',
};

/**
 * Rows a read may add to a table that is otherwise watched: audit of the keys above, the webhook event,
 * and the anonymous counts of pages viewed and form steps reached (no person, a hashed journey; no
 * state anyone sees or acts on but the indicators' totals).
 */
const readRows: Record<string, string> = {
  indicator_events: `kind not in ('page_viewed', 'step_reached')`,
  audit_events: `action not in ('seal.create', 'seal.local-ca.create')`,
  _private_jobs: `payload::text not like '%document.opened%'`,
};

/** A digest of every table's content, to compare before and after a sweep of GETs. */
async function fingerprint(): Promise<Record<string, string>> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_schema || '.' || table_name as name from information_schema.tables
    where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`.execute(
    cast.db,
  );
  const digests: Record<string, string> = {};
  for (const { name } of tables) {
    if (name.split('.')[1] && readTraces[name.split('.')[1] as string]) continue;
    const where = readRows[name.split('.')[1] ?? ''] ?? 'true';
    const { rows } = await sql<{ digest: string | null }>`
      select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
      from ${sql.raw(name)} t where ${sql.raw(where)}`.execute(cast.db);
    digests[name] = rows[0]?.digest ?? '';
  }
  return digests;
}
