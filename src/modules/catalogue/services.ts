import { type RawBuilder, sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { type AssuranceLevel, assuranceLevels } from '../../platform/http/assurance-level.ts';
import { setFormTheme } from '../forms/index.ts';
import { reindexService, unindexService } from './search.ts';
import { applySearchChanges, recordSearchChange } from './search-freshness.ts';
import { isStartPath, type ServiceContent } from './service-content.ts';
import type { CatalogueTables, ServiceState } from './tables.ts';

export interface Service {
  id: string;
  slug: string;
  authorityId: string;
  state: ServiceState;
  latestVersion: number;
  publishedVersion: number | null;
  updatedAt: Date;
}

/** A service with the content of one of its versions. */
export interface ServiceEntry extends Service {
  version: number;
  content: ServiceContent;
}

const tables = (db: Db) => tablesOf<CatalogueTables>(db);

const serviceColumns = [
  'catalogue_services.id',
  'catalogue_services.slug',
  'catalogue_services.authority_id as authorityId',
  'catalogue_services.state',
  'catalogue_services.latest_version as latestVersion',
  'catalogue_services.published_version as publishedVersion',
  'catalogue_services.updated_at as updatedAt',
] as const;

export async function getService(
  db: Db,
  by: { id: string } | { slug: string },
): Promise<Service | undefined> {
  const query = tables(db).selectFrom('catalogue_services').select(serviceColumns);
  return 'id' in by
    ? query.where('id', '=', by.id).executeTakeFirst()
    : query.where('slug', '=', by.slug).executeTakeFirst();
}

/**
 * The authority of a published service, as an SQL expression (null while it is not published), for
 * another module's statement: what `getServiceEntry(…, 'published')` finds, without a round trip.
 */
export function publishedServiceAuthorityOf(slug: string): RawBuilder<string | null> {
  return sql<string | null>`(select s.authority_id from catalogue_services s
    where s.slug = ${slug} and s.state = 'published' and exists (select 1 from catalogue_service_versions v
      where v.service_id = s.id and v.version = s.published_version))`;
}

/** One version of a service; `published` picks the version the public sees, if any. */
export async function getServiceEntry(
  db: Db,
  by: { id: string } | { slug: string },
  version: number | 'published' | 'latest',
): Promise<ServiceEntry | undefined> {
  const service = await getService(db, by);
  if (!service) return undefined;
  const wanted =
    version === 'published'
      ? service.publishedVersion
      : version === 'latest'
        ? service.latestVersion
        : version;
  if (wanted === null || (version === 'published' && service.state !== 'published')) return undefined;
  const row = await tables(db)
    .selectFrom('catalogue_service_versions')
    .select(['version', 'content'])
    .where('service_id', '=', service.id)
    .where('version', '=', wanted)
    .executeTakeFirst();
  return row && { ...service, version: row.version, content: row.content };
}

export async function listVersions(db: Db, serviceId: string) {
  return tables(db)
    .selectFrom('catalogue_service_versions')
    .select(['version', 'saved_by as savedBy', 'saved_at as savedAt'])
    .where('service_id', '=', serviceId)
    .orderBy('version', 'desc')
    .execute();
}

/** The published entries, in the order of their French names, for the portal's lists and sitemap. */
export async function listPublished(
  db: Db,
  filter: { communeId?: string | null; authorityId?: string } = {},
): Promise<ServiceEntry[]> {
  let query = tables(db)
    .selectFrom('catalogue_services')
    .innerJoin('catalogue_service_versions', (j) =>
      j
        .onRef('catalogue_service_versions.service_id', '=', 'catalogue_services.id')
        .onRef('catalogue_service_versions.version', '=', 'catalogue_services.published_version'),
    )
    .innerJoin('catalogue_search', 'catalogue_search.service_id', 'catalogue_services.id')
    .select([...serviceColumns, 'catalogue_service_versions.version', 'catalogue_service_versions.content'])
    .where('catalogue_services.state', '=', 'published');
  if (filter.communeId !== undefined) query = query.where(portalScope(filter.communeId));
  if (filter.authorityId) query = query.where('catalogue_services.authority_id', '=', filter.authorityId);
  return query.orderBy(sql`catalogue_service_versions.content->'name'->>'fr'`).execute();
}

/** The usual processing time, in working days, of the published service a form serves (null: unknown). */
export async function processingDaysOfForm(db: Db, formId: string): Promise<number | null> {
  const row = await tables(db)
    .selectFrom('catalogue_services')
    .innerJoin('catalogue_service_versions', (j) =>
      j
        .onRef('catalogue_service_versions.service_id', '=', 'catalogue_services.id')
        .onRef('catalogue_service_versions.version', '=', 'catalogue_services.published_version'),
    )
    .select('catalogue_service_versions.content')
    .where('catalogue_services.state', '=', 'published')
    .where(sql`catalogue_service_versions.content->>'formId'`, '=', formId)
    .executeTakeFirst();
  return row?.content.processingDays ?? null;
}

/**
 * The level of assurance a form's service asks for, so that the form's own address is no way around
 * it: the strictest of the services whose public version runs the form, withdrawn ones included
 * (their form may still be reached by its address); `low` for a form no service runs.
 */
export async function requiredLevelOfForm(db: Db, formId: string): Promise<AssuranceLevel> {
  const { rows } = await sql<{
    level: AssuranceLevel;
  }>`select ${requiredLevelOfFormCall(sql`${formId}`)} as level`.execute(db);
  return rows[0]?.level ?? 'low';
}

/**
 * `requiredLevelOfForm` as an SQL expression on the form's id, for a query of another module's to
 * read along (the form runner's draft): one round trip less on every page of a form.
 */
export function requiredLevelOfFormCall(formId: RawBuilder<string>): RawBuilder<AssuranceLevel> {
  const levels = [...assuranceLevels]; // from the weakest
  return sql<AssuranceLevel>`coalesce((
    select v.content->>'level'
    from catalogue_services s
    join catalogue_service_versions v on v.service_id = s.id and v.version = s.published_version
    where v.content->>'formId' = ${formId}::text and v.content->>'level' = any(${levels}::text[])
    order by array_position(${levels}::text[], v.content->>'level') desc
    limit 1), 'low')`;
}

/** Services of the authorities a designer works for, whatever their state. */
export async function listServicesOf(db: Db, authorityIds: string[]): Promise<ServiceEntry[]> {
  if (authorityIds.length === 0) return [];
  return tables(db)
    .selectFrom('catalogue_services')
    .innerJoin('catalogue_service_versions', (j) =>
      j
        .onRef('catalogue_service_versions.service_id', '=', 'catalogue_services.id')
        .onRef('catalogue_service_versions.version', '=', 'catalogue_services.latest_version'),
    )
    .select([...serviceColumns, 'catalogue_service_versions.version', 'catalogue_service_versions.content'])
    .where('catalogue_services.authority_id', 'in', authorityIds)
    .orderBy('catalogue_services.updated_at', 'desc')
    .execute();
}

/**
 * Which published services a portal shows: the canton's portal (null) shows all; a commune's shows
 * the cantonal ones and its own.
 */
export function portalScope(communeId: string | null) {
  return sql<boolean>`(${communeId}::uuid is null or not catalogue_search.communal or catalogue_search.authority_id = ${communeId}::uuid)`;
}

/** The designer's form checks it already; this holds for every other caller (seeds, set-ups). */
function checkStartPath(content: ServiceContent) {
  if (content.startPath && !isStartPath(content.startPath)) throw new Error('not a path of the portal');
}

export async function createService(
  db: Db,
  actor: string,
  draft: { authorityId: string; slug: string; content: ServiceContent },
): Promise<Service> {
  checkStartPath(draft.content);
  return audited(
    db,
    (service: Service) => ({
      actor,
      action: 'catalogue.service.create',
      subjectType: 'service',
      subjectId: service.id,
      authorityId: draft.authorityId,
      details: { slug: draft.slug },
    }),
    async (tx) => {
      const { id } = await tables(tx)
        .insertInto('catalogue_services')
        .values({ slug: draft.slug, authority_id: draft.authorityId, latest_version: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tables(tx)
        .insertInto('catalogue_service_versions')
        .values({ service_id: id, version: 1, content: draft.content, saved_by: actor })
        .execute();
      return (await getService(tx, { id })) as Service;
    },
  );
}

/** Saves a new version; the published one stays what the public sees until this one is published. */
export async function saveVersion(
  db: Db,
  actor: string,
  service: Service,
  content: ServiceContent,
): Promise<number> {
  checkStartPath(content);
  const saved = await audited(
    db,
    (version: number) => ({
      actor,
      action: 'catalogue.service.save',
      subjectType: 'service',
      subjectId: service.id,
      authorityId: service.authorityId,
      details: { version },
    }),
    async (tx) => {
      const { latest_version: version } = await tables(tx)
        .updateTable('catalogue_services')
        .set({ latest_version: sql`latest_version + 1`, updated_at: sql`now()` })
        .where('id', '=', service.id)
        .returning('latest_version')
        .executeTakeFirstOrThrow();
      await tables(tx)
        .insertInto('catalogue_service_versions')
        .values({ service_id: service.id, version, content, saved_by: actor })
        .execute();
      // A published service's entry, as search returns it, names its latest version too.
      await recordSearchChange(tx, service.id);
      return version;
    },
  );
  await applySearchChanges(db);
  return saved;
}

export async function publishVersion(
  db: Db,
  actor: string,
  service: Service,
  version: number,
): Promise<void> {
  await audited(
    db,
    {
      actor,
      action: 'catalogue.service.publish',
      subjectType: 'service',
      subjectId: service.id,
      authorityId: service.authorityId,
      details: { version },
    },
    async (tx) => {
      const entry = await getServiceEntry(tx, { id: service.id }, version);
      if (!entry) throw new Error(`Service ${service.slug} has no version ${version}`);
      await tables(tx)
        .updateTable('catalogue_services')
        .set({ state: 'published', published_version: version, updated_at: sql`now()` })
        .where('id', '=', service.id)
        .execute();
      await reindexService(tx, entry);
      // The form it runs takes its theme: representatives may fill it in within that theme only.
      if (entry.content.formId) await setFormTheme(tx, entry.content.formId, entry.content.theme);
    },
  );
  await applySearchChanges(db);
}

export async function withdrawService(db: Db, actor: string, service: Service): Promise<void> {
  await audited(
    db,
    {
      actor,
      action: 'catalogue.service.withdraw',
      subjectType: 'service',
      subjectId: service.id,
      authorityId: service.authorityId,
    },
    async (tx) => {
      await tables(tx)
        .updateTable('catalogue_services')
        .set({ state: 'withdrawn', updated_at: sql`now()` })
        .where('id', '=', service.id)
        .execute();
      await unindexService(tx, service.id);
    },
  );
  await applySearchChanges(db);
}

/** The fee a catalogue entry shows, in one of its versions: what a workflow's fees must agree with. */
export interface ShownFee {
  slug: string;
  name: ServiceContent['name'];
  version: number;
  /** Whether this is the version the public sees (otherwise the draft after it). */
  published: boolean;
  feeCents: number | null;
}

/**
 * The fees shown by the entries that run a form, in their published version and in a later draft:
 * a workflow asking another amount than the public is told can then be said to contradict them.
 */
export async function feesShownForForm(db: Db, authorityId: string, formId: string): Promise<ShownFee[]> {
  const rows = await tables(db)
    .selectFrom('catalogue_service_versions')
    .innerJoin('catalogue_services', 'catalogue_services.id', 'catalogue_service_versions.service_id')
    .select([
      'catalogue_services.slug',
      'catalogue_services.state',
      'catalogue_services.published_version as publishedVersion',
      'catalogue_services.latest_version as latestVersion',
      'catalogue_service_versions.version',
      'catalogue_service_versions.content',
    ])
    .where('catalogue_services.authority_id', '=', authorityId)
    .where(sql<string>`catalogue_service_versions.content->>'formId'`, '=', formId)
    .where((w) =>
      w.or([
        w('catalogue_service_versions.version', '=', w.ref('catalogue_services.latest_version')),
        w('catalogue_service_versions.version', '=', w.ref('catalogue_services.published_version')),
      ]),
    )
    .orderBy('catalogue_services.slug')
    .orderBy('catalogue_service_versions.version')
    .execute();
  return rows
    .filter((r) => r.state !== 'withdrawn')
    .map((r) => ({
      slug: r.slug,
      name: r.content.name,
      version: r.version,
      published: r.state === 'published' && r.version === r.publishedVersion,
      feeCents: r.content.feeCents,
    }));
}
