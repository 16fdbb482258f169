import type { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { Expression } from 'kysely';
import type { Config } from './config/config.ts';
import type { Secrets } from './crypto/secrets.ts';
import type { Db } from './database/database.ts';
import type { ModuleMigrations } from './database/migrations.ts';
import type { PersonActor } from './http/access.ts';
import type { AssetRegistry } from './http/assets.ts';
import type { RenderOptions } from './http/render.tsx';
import type { AppEnv, RouteContext, RouteDef } from './http/route.ts';
import type { Locale } from './i18n/locales.ts';
import type { JobHandlers } from './jobs/worker.ts';
import type { Logger } from './logging/logger.ts';
import type { Mailer } from './mail/mailer.ts';
import type { SmsGateway } from './sms/sms-gateway.ts';

/** The shared services every module receives; modules reach each other only through their exports. */
export interface Platform {
  config: Config;
  db: Db;
  logger: Logger;
  assets: AssetRegistry;
  /** Keys derived per purpose from the root secret: `secrets.current('csrf')`. */
  secrets: Secrets;
  mailer: Mailer;
  sms: SmsGateway;
  /** The clock of the platform: jobs and rules that count days read it, so tests can move it. */
  now(): Date;
  /** Renders a page in the layout; see `renderPage`. */
  render(c: RouteContext, options: RenderOptions, body: Child): Promise<Response>;
  /** What the modules show in the person's space, in order; filled once every module is loaded. */
  mySpaceSections(): MySpaceSection[];
  /** The tools modules add to an authority's back-office desk; filled once every module is loaded. */
  backOfficeTools(): BackOfficeTool[];
  /** Every route of the running app, filled once every module is loaded (the API lists its own). */
  routes(): readonly RouteDef[];
}

/**
 * A module's part of "my space": drafts, requests, documents, messages, payments, mandates. Each
 * module answers for its own data; the accounts module lays the page out.
 */
export interface MySpaceSection {
  /** Where on the page: lower first. */
  order: number;
  /**
   * The section's figures for the account in use as one SQL expression (a scalar subquery, JSON when
   * it is more than a number): the page reads every section's in a single statement, one round trip
   * for the whole page, and hands each its own value in `render`. Null: `render` reads its own.
   */
  summary?(actor: PersonActor): Expression<unknown> | null;
  /** What the module has for the account in use, or null when it has nothing to say. */
  render(c: RouteContext, actor: PersonActor, summary?: unknown): Promise<Child | null>;
  /**
   * What `awaiting` needs for one of the person's other accounts, as one SQL expression over that
   * account's id: read with the page's other sections in the same statement. Null: `awaiting` reads its own.
   */
  awaitingSummary?(personId: string, accountId: Expression<string>): Expression<unknown> | null;
  /**
   * How many things wait for the person in one of the other accounts they may use, as they would see
   * them there: `actor` is the person with that account in use — under the mandate in force when it
   * is not theirs, where what the section shows depends on the policy, as its `render` does.
   */
  awaiting(actor: PersonActor, summary?: unknown): Promise<number>;
}

/**
 * A module's tool on an authority's back-office desk (bookings, narcotics controls), beside the
 * requests' own: the cases module lays the desk out without knowing the modules above it.
 */
export interface BackOfficeTool {
  /** The link for this person and authority, or null when the module has nothing for them there. */
  link(
    actor: PersonActor,
    authority: { id: string; slug: string },
    locale: Locale,
  ): Promise<{ label: string; href: string } | null>;
}

/**
 * A domain module as the composition root sees it: its tables, its routes, its jobs, its files.
 * Adding a module is adding one entry to `src/modules/index.ts`.
 */
export interface GuichetModule {
  name: string;
  migrations?: ModuleMigrations;
  /** A folder of static files, served hashed under `assets/<name>/`. */
  assetsDir?: string;
  /** Single files served as `<module name>/<key>`, e.g. a browser library from node_modules. */
  assetFiles?: Record<string, string>;
  routes?(platform: Platform): RouteDef[];
  jobs?(platform: Platform): JobHandlers;
  mySpace?(platform: Platform): MySpaceSection;
  backOfficeTools?(platform: Platform): BackOfficeTool[];
}

export type App = Hono<AppEnv>;
