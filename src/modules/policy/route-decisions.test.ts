import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { type CollectedRoute, collectRoutes } from '../../platform/http/app.tsx';
import { isObjectBound } from '../../platform/http/decision-trace.ts';
import { allModules } from '../../runtime/build-app.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let routes: CollectedRoute[];

beforeAll(async () => {
  testApp = await createTestApp();
  routes = collectRoutes(testApp.platform, allModules);
});
afterAll(() => testApp.close());

describe('every route that names an object', () => {
  it('declares whether it decides access with can(), or why it takes no decision', () => {
    const parametrised = routes.filter((r) => /:\w/.test(r.path));
    expect(parametrised.length).toBeGreaterThan(10);
    const undeclared = parametrised.filter((r) => r.object === undefined);
    expect(undeclared.map((r) => `${r.module}: ${r.method} ${r.path}`)).toEqual([]);
  });

  it('gives a reason, not an empty word, for taking no decision', () => {
    for (const route of routes)
      if (typeof route.object === 'object')
        expect(route.object.none.length, `${route.method} ${route.path}`).toBeGreaterThan(8);
  });

  it('is held to a decision by the router unless it said why not', () => {
    for (const route of routes.filter((r) => /:\w/.test(r.path)))
      expect(isObjectBound(route), `${route.method} ${route.path}`).toBe(typeof route.object !== 'object');
  });
});
