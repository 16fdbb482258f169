import { sql } from 'kysely';
import { writeCheckpoint } from './audit/checkpoints.ts';
import { auditMigrations } from './audit/migrations.ts';
import { verifyAudit } from './audit/verify-audit.ts';
import { masterKeysFor } from './crypto/master-keys.ts';
import { changeLogMigrations, purgeChangeLog } from './database/change-log.ts';
import { purgeOldIdempotencyKeys } from './http/api/idempotency.ts';
import { keepAliveRoute } from './http/keep-alive.ts';
import { purgeKeptPosts } from './http/kept-posts.ts';
import type { Metrics } from './http/metrics.ts';
import { httpMigrations } from './http/migrations.ts';
import { purgeOldRateLimitWindows } from './http/rate-limit.ts';
import type { RouteContext } from './http/route.ts';
import { securityTxt } from './http/security-txt.ts';
import { purgeExpiredSessions } from './http/session.ts';
import { jobMigrations } from './jobs/migrations.ts';
import type { GuichetModule } from './module.ts';
import { componentCatalogue } from './views/components/catalogue.ts';
import { type InfoPage, InfoPageBody, infoPageTitle, infoPaths } from './views/info-pages.tsx';
import { platformMessages } from './views/messages.ts';

/** The kernel's own tables, routes (health, metrics, component previews) and housekeeping jobs. */
export function platformModule(metrics: Metrics): GuichetModule {
  return {
    name: 'platform',
    migrations: { ...httpMigrations, ...jobMigrations, ...auditMigrations, ...changeLogMigrations },
    routes: (platform) => [
      keepAliveRoute,
      { method: 'GET', path: '/health/live', access: 'anonymous', handler: (c) => c.json({ status: 'ok' }) },
      {
        method: 'GET',
        path: '/health/ready',
        access: 'anonymous',
        async handler(c) {
          try {
            await sql`select 1`.execute(platform.db);
            return c.json({ status: 'ok' });
          } catch {
            return c.json({ status: 'unavailable' }, 503);
          }
        },
      },
      {
        method: 'GET',
        path: '/metrics',
        access: 'metrics',
        handler: async (c) =>
          c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType }),
      },
      // Help is the support module's page (questions per service, contact), opening with the same text.
      ...(Object.keys(infoPaths) as InfoPage[])
        .filter((page) => page !== 'help')
        .map((page) => ({
          method: 'GET' as const,
          path: infoPaths[page],
          access: 'anonymous' as const,
          handler: (c: RouteContext) =>
            platform.render(c, { title: infoPageTitle(page, c.var.locale) }, <InfoPageBody page={page} />),
        })),
      {
        method: 'GET',
        path: '/.well-known/security.txt',
        access: 'anonymous',
        handler: (c) =>
          c.text(securityTxt(platform.config, platform.now()), 200, {
            'Content-Type': 'text/plain; charset=utf-8',
          }),
      },
      {
        method: 'GET',
        path: '/components',
        access: 'anonymous',
        handler: (c) => {
          const title = platformMessages.translator(c.var.locale)('componentsTitle');
          return platform.render(
            c,
            { title },
            <>
              <h1>{title}</h1>
              {Object.entries(componentCatalogue).map(([name, examples]) => (
                <section aria-labelledby={`component-${name}`}>
                  <h2 id={`component-${name}`}>{name}</h2>
                  {examples.map((example) => example())}
                </section>
              ))}
            </>,
          );
        },
      },
    ],
    jobs: (platform) => ({
      'platform:purge-expired': async () => {
        const policy = {
          idleMinutes: platform.config.sessionIdleMinutes,
          absoluteHours: platform.config.sessionAbsoluteHours,
        };
        await purgeExpiredSessions(platform.db, policy, platform.now());
        await purgeKeptPosts(platform.db, platform.now());
        await purgeOldRateLimitWindows(platform.db);
        await purgeOldIdempotencyKeys(platform.db);
        await purgeChangeLog(platform.db);
      },
      'audit:verify-chain': async () => {
        const verdict = await verifyAudit(platform.db, await masterKeysFor(platform.config, platform.db));
        if (!verdict.intact) platform.logger.fatal({ audit: verdict }, 'audit trail broken');
      },
      // The log line is the checkpoint's copy outside the database (`audit verify --checkpoint`).
      'audit:write-checkpoint': async () => {
        const keys = await masterKeysFor(platform.config, platform.db);
        const { written, problems } = await writeCheckpoint(platform.db, keys, platform.now());
        if (problems.length > 0) platform.logger.fatal({ audit: problems }, 'audit trail broken: not signed');
        else if (written) platform.logger.info({ auditCheckpoint: written }, 'audit checkpoint');
      },
    }),
  };
}
