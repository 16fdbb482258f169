import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectedRoute } from '../../src/platform/http/app.tsx';
import { routePolicies } from './route-policy.ts';
import {
  type ActorName,
  actorNames,
  type Cast,
  createCast,
  mayRead,
  type Owner,
  secretsOf,
} from './support/cast.ts';
import { freshObject } from './support/fresh-objects.ts';
import { type Cell, cellsOf, type Gap, routeKey } from './support/matrix.ts';
import { recentLogin } from './support/recent-login.ts';
import { forgetRateLimits, inParallel, writeResults } from './support/results.ts';

/**
 * ASVS 8.2.1–8.2.3, 8.4.1: every route of the running app (its own route table, so routes added later
 * are in it) called by every actor on the objects of A, B, X and Y, and on ids nobody may reach; the
 * outcome must be what tests/security/route-policy.ts (object-bound routes) or the route's `access`
 * level (the others) declares, and a refusal must not carry the object's data.
 */
let cast: Cast;
let routes: readonly CollectedRoute[];
let session: { cookie: string; csrf: string };

/** Unhandled errors by request id, to say why a cell failed with a 500. */
const errors = new Map<string, string>();
const logger = pino(
  { level: 'error' },
  new Writable({
    write(chunk, _encoding, done) {
      const line = JSON.parse(String(chunk)) as { requestId?: string; err?: { message?: string } };
      if (line.requestId) errors.set(line.requestId, line.err?.message?.slice(0, 200) ?? '');
      done();
    },
  }),
);

beforeAll(async () => {
  cast = await createCast({ logger });
  routes = cast.testApp.platform.routes() as CollectedRoute[];
  const page = await cast.testApp.app.request('/login/recover');
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  session = { cookie, csrf };
}, 120_000);
afterAll(() => cast.close());

interface Observed {
  cell: Cell;
  status: number;
  refused: boolean;
  leaked: string[];
  error?: string;
}

/** A body value of the route policy: `@name` is the cast's person `name`, `@C` the canton. */
const bodyValue = (value: string) =>
  value === '@C'
    ? cast.authorities.C
    : value.startsWith('@')
      ? (cast.people[value.slice(1) as ActorName]?.id ?? '')
      : value;

async function call(cell: Cell): Promise<Observed> {
  const { method } = cell.route;
  const policy = routePolicies[routeKey(cell.route)];
  const api = cell.route.path.startsWith('/api/');
  const person = cast.people[cell.actor] !== undefined;
  const { cookie, csrf } = policy?.recentLogin && person ? await recentLogin(cast, cell.actor) : session;
  const headers: Record<string, string> = { ...cast.headersOf(cell.actor), Cookie: cookie };
  let body: string | undefined;
  if (method !== 'GET') {
    headers['Content-Type'] = api ? 'application/json' : 'application/x-www-form-urlencoded';
    headers['X-CSRF-Token'] = csrf;
    headers['Idempotency-Key'] = crypto.randomUUID();
    const form = Object.entries(policy?.body ?? {}).map(([name, value]) => [name, bodyValue(value)]);
    body = api ? JSON.stringify(policy?.json ?? {}) : new URLSearchParams(form).toString();
  }
  const used = cell.usesUp;
  const path = used ? cell.path.replace(used.id, await freshObject(cast, used.kind, used.owner)) : cell.path;
  const response = await cast.testApp.app.request(path, { method, headers, body, redirect: 'manual' });
  const text = response.headers.get('Content-Type')?.match(/text|json|xml|csv/) ? await response.text() : '';
  const location = response.headers.get('Location') ?? '';
  // Judged on its access level, a route passes the gate unless it answers 401, 403 or sends to log in
  // (a token nobody holds is its own 404); judged on an object, not found is how a refusal looks.
  const gate =
    [401, 403].includes(response.status) || (response.status < 400 && location.startsWith('/login?'));
  const refused =
    cell.judged === 'access'
      ? cell.route.access !== 'anonymous' && gate
      : gate ||
        response.status === 404 ||
        // A write refused by its body's validation before its object is looked up learns nothing of it.
        (!cell.expected && [400, 422].includes(response.status));
  // An owner's words in any answer to someone who may not read them is a leak, refused or not; the
  // mandates' pages name both sides (A offered B a mandate, and A's representatives keep their history).
  const readers = (owner: Owner): readonly string[] =>
    cell.route.path.startsWith('/mandates')
      ? [...mayRead[owner], ...(owner === 'A' ? ['citizenB', 'repExpired', 'repRevoked'] : ['citizenA'])]
      : mayRead[owner];
  const leaked = Object.entries(secretsOf)
    .filter(([owner, word]) => !readers(owner as Owner).includes(cell.actor) && text.includes(word))
    .map(([owner]) => owner);
  const error = response.status === 500 ? errors.get(response.headers.get('X-Request-Id') ?? '') : undefined;
  return { cell, status: response.status, refused, leaked, error };
}

function verdict(o: Observed): string | undefined {
  const where = `${o.cell.actor} ${routeKey(o.cell.route)} on ${o.cell.target} (${o.cell.path}) → ${o.status}`;
  if (o.status === 500) return `${where}: server error ${o.error ?? ''}`;
  if (o.leaked.length > 0) return `${where}: refusal shows data of ${o.leaked.join(', ')}`;
  if (o.cell.expected && o.refused && !(o.cell.mayBeAbsent && o.status === 404))
    return `${where}: refused, declared allowed`;
  if (!o.cell.expected && !o.refused) return `${where}: allowed, declared refused`;
  return undefined;
}

describe('the authorisation matrix', () => {
  let gaps: Gap[] = [];
  let failures: string[] = [];

  it('finds every object-bound route declared in the route policy', () => {
    ({ gaps } = cellsOf(routes, cast, actorNames));
    expect(gaps.map((g) => `${g.route}: ${g.problem}`)).toEqual([]);
  });

  it('observes the declared outcome in every cell', async () => {
    const started = performance.now();
    const { cells, skipped } = cellsOf(routes, cast, actorNames);
    // Reads first, then refusals of writes, then allowed writes: an allowed write (a withdrawal, a
    // revocation) changes its object only after every other cell has seen it as it was.
    const phase = (c: Cell) => (c.route.method === 'GET' ? 0 : c.expected ? 2 : 1);
    const ordered = [...cells].sort((a, b) => phase(a) - phase(b));
    const observed: Observed[] = [];
    for (const p of [0, 1, 2]) {
      const batch = ordered.filter((c) => phase(c) === p);
      for (let i = 0; i < batch.length; i += 40) {
        // The write limit counts per person: the matrix is not a flood to throttle.
        await forgetRateLimits(cast.db);
        observed.push(...(await inParallel(batch.slice(i, i + 40), 8, call)));
      }
    }
    failures = observed.flatMap((o) => verdict(o) ?? []);
    const count = (f: (o: Observed) => boolean) => observed.filter(f).length;
    writeResults('authorisation-matrix', {
      asvs: ['8.2.1', '8.2.2', '8.2.3', '8.4.1'],
      routes: routes.length,
      routesProbed: new Set(cells.map((c) => routeKey(c.route))).size,
      skippedMachineRoutes: skipped,
      actors: actorNames,
      cells: observed.length,
      objectCells: count((o) => o.cell.judged === 'object'),
      idorProbes: count((o) => ['mixed', 'random', 'deleted'].includes(o.cell.target)),
      allowed: count((o) => !o.refused),
      refused: count((o) => o.refused),
      gaps,
      failures,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    });
    expect(failures).toEqual([]);
  }, 600_000);
});
