import { sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { CatalogueIndex, type IndexedService } from './search-index.ts';
import type { ServiceEntry } from './services.ts';
import type { CatalogueTables } from './tables.ts';

/**
 * Each instance searches its own copy of the published catalogue (ADR 27). Every catalogue write adds
 * a row to `catalogue_search_changes` under the next number of `catalogue_search_generation`, in its own
 * transaction: writers queue on that one row, so the numbers are in commit order and an instance that
 * has applied changes up to N needs exactly those above N. A search asks for them at most once a second,
 * without waiting for the answer; past `stalestMs` it waits, so a withdrawn service is never found
 * longer than that after its withdrawal commits. Writes made through this handle are applied before
 * they return. Nobody waits for a build: until the first one ends, and when a rebuild outlasts the old
 * index's freshness, the database's full-text index answers (`search-database.ts`).
 */
const checkEveryMs = 1_000;
const stalestMs = 5_000;
/** Changes kept for instances that fell behind; one further behind rebuilds its index. */
const changesKept = 1_000;

interface Snapshot {
  index: CatalogueIndex;
  /** The last change applied. */
  generation: number;
  /** When the database was last asked (before the question left). */
  askedAt: number;
}

interface State {
  snapshot: Snapshot | null;
  /** A new index being built, while the database (or the old index, while fresh enough) answers. */
  building: boolean;
  /** Questions to the database run one after another, each starting after the previous one ends. */
  queue: Promise<unknown>;
  queued: number;
  /** Where a failed build is said (the instance's logger, given as it starts). */
  log?: Pick<Logger, 'error'>;
}

const states = new WeakMap<Db, State>();
const tables = (db: Db) => tablesOf<CatalogueTables>(db);

/** Notes, inside the transaction of a write, that search must see it: a service (or the synonyms: null). */
export async function recordSearchChange(tx: Db, serviceId: string | null): Promise<void> {
  const { rows } = await sql<{ generation: number }>`
    with next as (update catalogue_search_generation set generation = generation + 1 returning generation)
    insert into catalogue_search_changes (generation, service_id) select generation, ${serviceId} from next
    returning generation`.execute(tx);
  const generation = rows[0]?.generation ?? 0;
  await tables(tx)
    .deleteFrom('catalogue_search_changes')
    .where('generation', '<=', generation - changesKept)
    .execute();
}

/** After a write through `db` has committed: this instance's searches see it from now on. */
export async function applySearchChanges(db: Db): Promise<void> {
  // Inside a transaction the write is not committed yet: the check after it will find it.
  const state = db.isTransaction ? undefined : states.get(db);
  // The write has committed: should the question fail, the next search's check asks again.
  if (state?.snapshot) await ask(db, state).catch(() => undefined);
}

/**
 * The index to answer from, brought up to date as said above; null while there is none fresh enough
 * (none built yet, or a new one being built for an old one too stale): the caller then asks the
 * database, for a build takes seconds at 40,000 services and nobody should wait for it.
 */
export async function searchIndex(db: Db): Promise<CatalogueIndex | null> {
  // A transaction's searches must see its own writes, which only the database knows.
  if (db.isTransaction) return null;
  const state = stateOf(db);
  if (!state.snapshot) {
    rebuild(db, state);
    return null;
  }
  const age = () => Date.now() - (state.snapshot?.askedAt ?? 0);
  if (state.building) return age() < stalestMs ? state.snapshot.index : null;
  if (age() >= stalestMs) await ask(db, state);
  else if (age() >= checkEveryMs && state.queued === 0) ask(db, state).catch(() => undefined);
  return state.snapshot && age() < stalestMs ? state.snapshot.index : null;
}

function stateOf(db: Db): State {
  let state = states.get(db);
  if (!state) {
    state = { snapshot: null, building: false, queue: Promise.resolve(), queued: 0 };
    states.set(db, state);
  }
  return state;
}

/**
 * Starts this instance's index as it starts, so that its first searches seldom need the database; a
 * build that fails (then, or any later rebuild) is logged, while the database answers searches.
 */
export function warmSearchIndex(db: Db, log: Pick<Logger, 'error'>): void {
  const state = stateOf(db);
  state.log = log;
  rebuild(db, state);
}

/** Builds a new index in the background, one at a time; should it fail, the next search starts another. */
function rebuild(db: Db, state: State): void {
  if (state.building) return;
  state.building = true;
  build(db)
    .then((built) =>
      queued(state, async () => {
        // Changes committed while it was read may have reached the old index only: apply them first.
        if (await bringUpToDate(db, built)) state.snapshot = built;
      }),
    )
    .catch((error: unknown) => state.log?.error({ err: error }, 'catalogue search index not built'))
    .finally(() => {
      state.building = false;
    });
}

function ask(db: Db, state: State): Promise<void> {
  return queued(state, async () => {
    const snapshot = state.snapshot;
    // Too far behind (or the database was restored): a new index, while the old one answers.
    if (snapshot && !(await bringUpToDate(db, snapshot))) rebuild(db, state);
  });
}

function queued(state: State, question: () => Promise<void>): Promise<void> {
  state.queued += 1;
  const asked = state.queue.then(question);
  state.queue = asked
    .catch((error: unknown) => state.log?.error({ err: error }, 'catalogue search index not built'))
    .finally(() => {
      state.queued -= 1;
    });
  return asked;
}

/** Applies the changes above the snapshot's number; false when only a new index can know them. */
async function bringUpToDate(db: Db, snapshot: Snapshot): Promise<boolean> {
  const askedAt = Date.now();
  const { rows } = await sql<{ current: number; generation: number | null; serviceId: string | null }>`
    select g.generation as current, c.generation, c.service_id as "serviceId"
    from catalogue_search_generation g
    left join catalogue_search_changes c on c.generation > ${snapshot.generation}
    order by c.generation`.execute(db);
  const current = rows[0]?.current ?? 0;
  if (current === snapshot.generation) {
    snapshot.askedAt = askedAt;
    return true;
  }
  if (current < snapshot.generation || rows[0]?.generation !== snapshot.generation + 1) return false;
  const changed = [...new Set(rows.flatMap((r) => (r.serviceId ? [r.serviceId] : [])))];
  const services = changed.length > 0 ? await publishedServices(db, changed) : [];
  const synonyms = rows.some((r) => r.generation !== null && r.serviceId === null)
    ? await synonymGroups(db)
    : undefined;
  for (const id of changed) snapshot.index.remove(id);
  for (const service of services) snapshot.index.put(service);
  if (synonyms) snapshot.index.setSynonyms(synonyms);
  snapshot.generation = current;
  snapshot.askedAt = askedAt;
  return true;
}

async function build(db: Db): Promise<Snapshot> {
  const askedAt = Date.now();
  // The number first: a change committed while the rest is read is then applied again, never missed.
  const { generation } = await tables(db)
    .selectFrom('catalogue_search_generation')
    .select('generation')
    .executeTakeFirstOrThrow();
  const services = await publishedServices(db);
  const index = new CatalogueIndex();
  index.setSynonyms(await synonymGroups(db));
  await index.putAll(services);
  return { index, generation, askedAt };
}

/** The published services (those of `ids` only, if given), each with its public version. */
async function publishedServices(db: Db, ids?: string[]): Promise<IndexedService[]> {
  let query = tables(db)
    .selectFrom('catalogue_services as s')
    .innerJoin('catalogue_service_versions as v', (j) =>
      j.onRef('v.service_id', '=', 's.id').onRef('v.version', '=', 's.published_version'),
    )
    .innerJoin('catalogue_search as cs', 'cs.service_id', 's.id')
    .select([
      's.id',
      's.slug',
      's.authority_id as authorityId',
      's.state',
      's.latest_version as latestVersion',
      's.published_version as publishedVersion',
      's.updated_at as updatedAt',
      'v.version',
      'v.content',
      'cs.communal',
    ])
    .where('s.state', '=', 'published');
  if (ids) query = query.where('s.id', 'in', ids);
  return (await query.execute()).map(({ communal, ...entry }) => ({
    entry: entry as ServiceEntry,
    communal,
  }));
}

async function synonymGroups(db: Db): Promise<string[][]> {
  return (await tables(db).selectFrom('catalogue_synonyms').select('terms').execute()).map((r) => r.terms);
}
