import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { createApp } from '../../platform/http/app.tsx';
import { notFound } from '../../platform/http/http-error.ts';
import { createMetrics } from '../../platform/http/metrics.ts';
import { loggedInPerson, type RouteDef } from '../../platform/http/route.ts';
import type { GuichetModule, Platform } from '../../platform/module.ts';
import { cantonBranding } from '../authorities/index.ts';
import { can } from './can.ts';

/**
 * A small module whose routes read "an account's thing": the same handler with its `can()` call and
 * without it, to show that the router finds the missing decision rather than a reviewer.
 */
function fixtureModule(withDecision: boolean): GuichetModule {
  const thing = (platform: Platform): RouteDef['handler'] =>
    async function handler(c) {
      const actor = loggedInPerson(c);
      const resource = { type: 'account' as const, accountId: c.req.param('id') ?? '' };
      if (withDecision && !(await can(platform.db, actor, 'account.consult', resource)).allowed)
        throw notFound();
      return c.text(`thing of ${resource.accountId}`);
    };
  return {
    name: 'fixture',
    routes: (platform) => [
      { method: 'GET', path: '/fixture/things/:id', access: 'person', handler: thing(platform) },
      {
        method: 'POST',
        path: '/fixture/things',
        access: 'machine',
        object: 'decided',
        handler: withDecision ? thing(platform) : (c) => c.redirect('/fixture', 303),
      },
      {
        method: 'GET',
        path: '/fixture/public/:slug',
        access: 'anonymous',
        object: { none: 'a public page' },
        handler: (c) => c.text('public'),
      },
      {
        method: 'GET',
        path: '/fixture/absent/:id',
        access: 'anonymous',
        handler: () => {
          throw notFound();
        },
      },
    ],
  };
}

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let citizen: PersonActor;
const logged: { msg: string; route?: string }[] = [];

function appWith(withDecision: boolean, demo: boolean) {
  const logger = pino(
    { level: 'error' },
    new Writable({
      write(chunk, _encoding, done) {
        logged.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const platform = { ...testApp.platform, logger, config: { ...testApp.platform.config, demo } };
  return createApp({
    platform,
    modules: [fixtureModule(withDecision)],
    metrics: createMetrics(),
    resolveActor: async () => citizen,
    defaultBranding: (locale) => cantonBranding(platform, locale),
    defaultLanguages: ['fr'],
  });
}

beforeAll(async () => {
  testApp = await createTestApp();
  citizen = await createCitizen(testApp.database.db, { givenNames: 'Eva', familyName: 'Guard' });
});
afterAll(() => testApp.close());

describe('the router’s demand for an access decision', () => {
  it('lets an object-bound route answer once it asked can()', async () => {
    const app = appWith(true, true);
    const own = await app.request(`/fixture/things/${citizen.account.id}`);
    expect(own.status).toBe(200);
    const other = await app.request(`/fixture/things/${crypto.randomUUID()}`);
    expect(other.status).toBe(404);
  });

  it('fails loudly in development and tests when the can() call is removed', async () => {
    logged.length = 0;
    const app = appWith(false, true);
    const response = await app.request(`/fixture/things/${crypto.randomUUID()}`);
    expect(response.status).toBe(500);
    expect(logged.map((l) => l.msg)).toContain('unhandled error');
    // A route the table marks as object-bound is held to it even without a path parameter.
    expect((await app.request('/fixture/things', { method: 'POST' })).status).toBe(500);
  });

  it('logs the missing decision in production without changing the answer', async () => {
    logged.length = 0;
    const app = appWith(false, false);
    const response = await app.request(`/fixture/things/${crypto.randomUUID()}`);
    expect(response.status).toBe(200);
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'missing access decision', route: '/fixture/things/:id' }),
    );
  });

  it('asks nothing of a route that says why it takes no decision, nor of a refusal', async () => {
    const app = appWith(false, true);
    expect((await app.request('/fixture/public/sion')).status).toBe(200);
    expect((await app.request('/fixture/absent/x')).status).toBe(404);
  });
});
