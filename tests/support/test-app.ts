import { cantonBranding } from '../../src/modules/authorities/index.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { masterKeysFor } from '../../src/platform/crypto/master-keys.ts';
import type { Actor } from '../../src/platform/http/access.ts';
import { createApp } from '../../src/platform/http/app.tsx';
import type { RouteContext, RouteDef } from '../../src/platform/http/route.ts';
import type { Locale } from '../../src/platform/i18n/locales.ts';
import { startWorker } from '../../src/platform/jobs/worker.ts';
import { createLogger, type Logger } from '../../src/platform/logging/logger.ts';
import { buildApp } from '../../src/runtime/build-app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { createTestDatabase } from './test-database.ts';
import { testTsaUrl } from './tsa-server.ts';

export interface TestAppOptions {
  /** Who the requests come from, for in-process tests of rules; browser journeys log in for real. */
  actor?: () => Actor | null;
  /** The same, chosen from the request itself (a header naming the actor, an API key). */
  resolveActor?: (c: RouteContext) => Promise<Actor | null>;
  env?: Record<string, string>;
  now?: () => Date;
  /** Silent unless a test reads what is logged. */
  logger?: Logger;
}

/** The real app on a fresh database with the demo authorities, answering in-process requests. */
export async function createTestApp(options: TestAppOptions = {}) {
  const database = await createTestDatabase();
  const config = loadConfig({
    GUICHET_DATA_DIR: '/nonexistent',
    GUICHET_DEMO: 'true',
    TSA_URL: await testTsaUrl(),
    ...options.env,
  });
  await seedDemo(database.db, await masterKeysFor(config, database.db));
  const logger = options.logger ?? createLogger('silent');
  const built = await buildApp({
    config,
    db: database.db,
    logger,
    resolveActor: options.resolveActor ?? (options.actor ? async () => options.actor?.() ?? null : undefined),
    now: options.now,
  });
  return { ...built, database, config, close: () => database.drop() };
}

/**
 * The platform's router (guard, errors, pages) around routes of a test's own, on a test app's platform:
 * for rules of the router itself, shown with a route made to meet them.
 */
export function appOfRoutes(
  testApp: Pick<Awaited<ReturnType<typeof createTestApp>>, 'platform' | 'metrics'>,
  routes: RouteDef[],
  languages: Locale[] = ['fr'],
) {
  return createApp({
    platform: testApp.platform,
    modules: [],
    routes: routes.map((route) => ({ ...route, module: 'test' })),
    metrics: testApp.metrics,
    defaultBranding: (locale) => cantonBranding(testApp.platform, locale),
    defaultLanguages: languages,
  });
}

/** The job worker on a test app's database, running its jobs as `guichet worker` would. */
export function startTestWorker(
  testApp: Pick<Awaited<ReturnType<typeof createTestApp>>, 'database' | 'jobs'>,
) {
  return startWorker({
    pool: testApp.database.pool,
    db: testApp.database.db,
    handlers: testApp.jobs,
    logger: createLogger('silent'),
    concurrency: 2,
  });
}

/** The cookies a response sets, as a Cookie header value for the next request. */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** The CSRF token of the first form on a page. */
export function csrfTokenIn(html: string): string {
  const match = html.match(/name="_csrf" value="([^"]+)"/);
  if (!match?.[1]) throw new Error('No CSRF field on the page');
  return match[1];
}
