import path from 'node:path';
import type { Child } from 'hono/jsx';
import type pg from 'pg';
import { actorWithSession, resolveActor } from '../modules/acting/index.ts';
import { cantonBranding, getCanton } from '../modules/authorities/index.ts';
import { modules, simulators } from '../modules/index.ts';
import { apiClientFromHeader, apiClientFromToken } from '../modules/integration/index.ts';
import type { Config } from '../platform/config/config.ts';
import { masterKeysFor } from '../platform/crypto/master-keys.ts';
import { deriveSecrets } from '../platform/crypto/secrets.ts';
import type { Db } from '../platform/database/database.ts';
import { migrateToLatest } from '../platform/database/migrations.ts';
import type { Actor } from '../platform/http/access.ts';
import { type CollectedRoute, collectRoutes, createApp } from '../platform/http/app.tsx';
import { AssetRegistry } from '../platform/http/assets.ts';
import { identityPaths } from '../platform/http/identity-paths.ts';
import { createMetrics } from '../platform/http/metrics.ts';
import { type RenderOptions, renderPage } from '../platform/http/render.tsx';
import type { RouteContext } from '../platform/http/route.ts';
import { loadOrCreateSecret } from '../platform/http/session.ts';
import type { JobHandlers } from '../platform/jobs/worker.ts';
import { migrateJobQueue } from '../platform/jobs/worker.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { createMailer } from '../platform/mail/mailer.ts';
import type { BackOfficeTool, GuichetModule, MySpaceSection, Platform } from '../platform/module.ts';
import { platformModule } from '../platform/platform-module.tsx';
import { createSmsGateway, smsReceiptsPath } from '../platform/sms/sms-gateway.ts';
import { digitalServices } from '../services/index.ts';

const metrics = createMetrics();
/** Every module of the running system, the kernel first. */
export const allModules: GuichetModule[] = [
  platformModule(metrics),
  ...modules,
  ...digitalServices,
  ...simulators,
];

/**
 * Brings the schema of every module (and of the job queue) up to date. The job queue's schema and
 * ours do not refer to each other: they migrate side by side, on two connections (a cold start waits
 * for the longer of the two series of round trips, not their sum).
 */
export async function migrate(db: Db, pool: pg.Pool): Promise<string[]> {
  const [queue, modules] = await Promise.allSettled([
    migrateJobQueue(pool),
    migrateToLatest(
      db,
      allModules.flatMap((m) => (m.migrations ? [m.migrations] : [])),
    ),
  ]);
  if (queue.status === 'rejected') throw queue.reason;
  if (modules.status === 'rejected') throw modules.reason;
  return modules.value;
}

export interface BuildOptions {
  config: Config;
  db: Db;
  logger: Logger;
  /** Tests that are not about logging in may choose the acting person directly. */
  resolveActor?: (c: RouteContext) => Promise<Actor | null>;
  now?: () => Date;
}

/** Wires the platform services, the modules' routes and jobs into one app. */
export async function buildApp(options: BuildOptions) {
  const assets = new AssetRegistry().addDirectory(path.join(import.meta.dirname, '../platform/views/assets'));
  for (const m of allModules) {
    if (m.assetsDir) assets.addDirectory(m.assetsDir, m.name);
    for (const [name, file] of Object.entries(m.assetFiles ?? {})) assets.addFile(file, `${m.name}/${name}`);
  }
  const secrets = deriveSecrets(
    await loadOrCreateSecret(options.db, options.config.secret),
    options.config.secretGenerations,
  );
  let mySpaceSections: MySpaceSection[] = [];
  let backOfficeTools: BackOfficeTool[] = [];
  let routes: CollectedRoute[] = [];
  const platform: Platform = {
    config: options.config,
    db: options.db,
    logger: options.logger,
    assets,
    secrets,
    mailer: createMailer({
      smtpUrl: options.config.smtpUrl,
      from: options.config.mailFrom,
      logger: options.logger,
      logText: options.config.demo,
    }),
    sms: createSmsGateway({
      url: options.config.smsGatewayUrl,
      token: options.config.smsGatewayToken,
      sender: options.config.smsSender,
      statusCallback: `${options.config.publicUrl}${smsReceiptsPath}`,
      logger: options.logger,
      logText: options.config.demo,
    }),
    now: options.now ?? (() => new Date()),
    render: (c: RouteContext, renderOptions: RenderOptions, body: Child) =>
      renderPage(c, assets, secrets, renderOptions, body),
    mySpaceSections: () => mySpaceSections,
    backOfficeTools: () => backOfficeTools,
    routes: () => routes,
  };
  mySpaceSections = allModules
    .flatMap((m) => (m.mySpace ? [m.mySpace(platform)] : []))
    .sort((a, b) => a.order - b.order);
  backOfficeTools = allModules.flatMap((m) => m.backOfficeTools?.(platform) ?? []);
  const served = options.config.demo ? allModules : allModules.filter((m) => !simulators.includes(m));
  routes = collectRoutes(platform, served);
  const app = createApp({
    platform,
    modules: served,
    routes,
    metrics,
    // An API key makes the caller that application; otherwise the session's person, if any.
    resolveActor:
      options.resolveActor ??
      (async (c) => {
        const authorization = c.req.header('Authorization');
        // Without an Authorization header only the session can name someone: most pages' case.
        const client = authorization
          ? ((await apiClientFromHeader(options.db, authorization, {
              acceptTestKeys: options.config.demo,
              now: platform.now(),
            })) ??
            (await apiClientFromToken(
              options.db,
              () => masterKeysFor(options.config, options.db),
              options.config.publicUrl,
              authorization,
              platform.now(),
            )))
          : null;
        return client ?? resolveActor(options.db, c.get('session'));
      }),
    sessionCompanion: options.resolveActor ? undefined : actorWithSession,
    loginPath: identityPaths.login,
    defaultBranding: (locale) => cantonBranding(platform, locale),
    defaultLanguages: (await getCanton(options.db))?.languages ?? ['fr'],
    now: platform.now,
  });
  const jobs: JobHandlers = Object.assign({}, ...allModules.map((m) => m.jobs?.(platform) ?? {}));
  return { app, platform, jobs, metrics };
}
