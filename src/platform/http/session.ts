import { createHash, randomBytes } from 'node:crypto';
import { type CompiledQuery, type RawBuilder, sql } from 'kysely';
import { mac, type Secrets, sameText } from '../crypto/secrets.ts';
import { currentSnapshot, keptReadMaxAgeMs, unchangedSince } from '../database/change-log.ts';
import { type Db, tablesOf } from '../database/database.ts';
import { executeWithGenericPlan } from '../database/generic-plans.ts';
import type { HttpTables } from './migrations.ts';

/**
 * Under HTTPS the `__Host-` prefix makes the browser refuse the cookie from any subdomain or path, so
 * nobody can plant a session id for a victim to log in with.
 */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-guichet_session' : 'guichet_session');

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

type SessionData = Record<string, unknown>;

/**
 * How long the row of a session that timed out stays (emptied, only whose it was): a post from its
 * page that comes later than this is refused as any stale form, and what it carried is lost.
 */
export const endedSessionGraceHours = 12;

/**
 * The session a request's cookie named, when it had timed out: its id (to check that a post's CSRF
 * token came from its pages) and its person. In memory for this request only, never in a cookie.
 */
interface EndedSession {
  id: string;
  subject: string;
}

/**
 * What the request path reads with the session's row, in the same statement (who the session's person
 * is, their accounts and roles): an SQL expression over the row's `data` that the modules owning those
 * tables compose. Saves a round trip per read on every logged-in request.
 */
export type SessionCompanion = (data: RawBuilder<unknown>) => RawBuilder<unknown>;

/**
 * The companion, and the change-log scopes (`uuid[]`) what it reads belongs to. With both, what the
 * companion gave is kept for the session on this instance with the snapshot it was read in, and
 * while nothing in its scopes changed since (checked in the session's own statement) a request reads
 * only that check with the row (ADR 32). The scopes are kept as that read found them: whatever
 * changes which scopes there are (a membership, a mandate) must log a change in one of them. A page
 * the session rendered from the same scopes may be kept with it (`keptPage`).
 */
export interface SessionReads {
  companion: SessionCompanion;
  scopes: (data: RawBuilder<unknown>) => RawBuilder<string[]>;
}

/** What a session's companion gave, kept on this instance, with the page kept alongside. */
interface Kept {
  snapshot: string;
  /** The scopes as the read found them (an SQL array's text). */
  scopes: string;
  dataHash: string;
  companion: unknown;
  bornAt: number;
  page?: { key: string; page: unknown };
}

/** Per database (test apps share a process), at most this many sessions, the oldest dropped first. */
const keptSessions = new WeakMap<Db, Map<string, Kept>>();
const maxKeptSessions = 10_000;

function keptOf(db: Db): Map<string, Kept> {
  const kept = keptSessions.get(db) ?? new Map<string, Kept>();
  keptSessions.set(db, kept);
  return kept;
}

/**
 * A server-side session. The cookie holds a random id; the database holds only its SHA-256, so a
 * leaked sessions table does not hand out live sessions. Anonymous visitors get an id (for CSRF
 * tokens) but no row until something is stored.
 */
export class Session {
  private dirty = false;
  private subject: string | null = null;
  private userAgent: string | null = null;
  private csrfIssued = false;
  private rotatedFrom: string | undefined;
  /** What the companion read gave with the row, for the data the session was loaded with. */
  private companionValue: unknown;
  private ended: EndedSession | undefined;
  private policy: SessionPolicy | undefined;
  private kept: Kept | undefined;

  private constructor(
    private givenId: string | undefined,
    private data: SessionData,
    private createdAt: Date,
    private lastSeenAt: Date,
    /** The platform's clock at the request this session serves (tests move it past the time-outs). */
    readonly now: Date,
  ) {}

  static fresh(now: Date): Session {
    return new Session(undefined, {}, now, now, now);
  }

  /** Drawn when first needed: most anonymous pages never give the visitor a session. */
  private get id(): string {
    this.givenId ??= newSessionId();
    return this.givenId;
  }

  private set id(value: string) {
    this.givenId = value;
  }

  static async load(
    db: Db,
    id: string | undefined,
    policy: SessionPolicy,
    now: Date,
    reads?: SessionCompanion | SessionReads,
  ): Promise<Session> {
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return Session.fresh(now);
    const idHash = hashId(id);
    const { row, kept } = await readRow(db, idHash, reads);
    if (!row) return new Session(id, {}, now, now, now);
    if (row.expires_at <= now || idleExpiry(row.last_seen_at, policy) <= now) {
      // Ended once is enough: a browser still sending the old cookie costs no write per request.
      const ended = row.expires_at <= now && Object.keys(row.data as SessionData).length === 0;
      if (!ended) await endStored(db, id, now);
      const fresh = Session.fresh(now);
      if (row.subject) fresh.ended = { id, subject: row.subject };
      return fresh;
    }
    const session = new Session(id, row.data as SessionData, row.created_at, row.last_seen_at, now);
    session.policy = policy;
    session.subject = row.subject;
    session.userAgent = row.user_agent;
    session.companionValue = kept ? kept.companion : row.companion;
    session.kept = kept;
    return session;
  }

  /**
   * The page kept for this session under `key` (ADR 32): rendered since nothing the session's reads
   * depend on changed, with its placeholders still to fill.
   */
  keptPage<T>(key: string): T | undefined {
    const page = this.dirty ? undefined : this.kept?.page;
    return page?.key === key ? (page.page as T) : undefined;
  }

  /** Keeps `page` for this session, unless this request changed the session (its data is the key's). */
  keepPage(key: string, page: unknown): void {
    if (this.kept && !this.dirty && this.rotatedFrom === undefined) this.kept.page = { key, page };
  }

  /**
   * What the companion read gave with this session's row; undefined when there was none, or once the
   * session's data changed (it was read for the data as loaded).
   */
  get companion(): unknown {
    return this.dirty || this.rotatedFrom !== undefined ? undefined : this.companionValue;
  }

  get cookieValue(): string {
    return this.id;
  }

  /** Whether the browser must be given (or re-given) the id: something was stored, or a form was issued. */
  get needsCookie(): boolean {
    return this.dirty || this.csrfIssued || this.rotatedFrom !== undefined;
  }

  get<T>(key: string): T | undefined {
    return this.data[key] as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.data[key] = value;
    this.dirty = true;
  }

  delete(key: string): void {
    delete this.data[key];
    this.dirty = true;
  }

  /**
   * The person whose session timed out just before this request, if the post's CSRF token was issued
   * by that session's pages (so it came from our page in this browser); otherwise undefined.
   */
  endedSubjectFor(secrets: Secrets, token: string | undefined): string | undefined {
    const ended = this.ended;
    return ended && tokenMatches(secrets, token, ended.id) ? ended.subject : undefined;
  }

  /**
   * When the idle time-out would end this session if nothing else came: from the last-seen time as it
   * will be stored after this request (touched if stale, see `save`). Undefined for a session that was
   * not loaded from its row (anonymous, or just logged in).
   */
  idleEndsAt(): Date | undefined {
    if (!this.policy) return undefined;
    const touched = this.dirty || this.willTouch(this.now);
    return idleExpiry(touched ? this.now : this.lastSeenAt, this.policy);
  }

  /** When the absolute time-out ends this session, whatever the person does. */
  absoluteEndsAt(): Date | undefined {
    return this.policy && new Date(this.createdAt.getTime() + this.policy.absoluteHours * 3_600_000);
  }

  /** Counts as activity now, however recently the row was touched (the "stay logged in" action). */
  touch(): void {
    this.dirty = true;
  }

  /** Marks whose session this is (at login), so it appears in their list of sessions. */
  setSubject(subject: string, userAgent: string | undefined): void {
    this.subject = subject;
    this.userAgent = userAgent?.slice(0, 300) ?? null;
    this.dirty = true;
  }

  /** The public handle of this session in lists: part of the stored hash, never the cookie value. */
  get handle(): string {
    return handleOf(hashId(this.id));
  }

  /** A new id for the same data: call at login and at every change of assurance level. */
  regenerate(): void {
    this.rotatedFrom ??= this.id;
    this.id = newSessionId();
    this.createdAt = this.now;
    this.dirty = true;
  }

  /** Ends the session: its row is deleted and a new empty one takes its place. */
  destroy(): void {
    this.rotatedFrom ??= this.id;
    this.id = newSessionId();
    this.data = {};
    this.subject = null;
    this.dirty = false;
  }

  /** The CSRF token is bound to the session id, so it changes when the session is rotated; it names its key. */
  csrfToken(secrets: Secrets): string {
    this.csrfIssued = true;
    const key = secrets.current('csrf');
    return `${key.id}.${mac(key, `csrf:${this.id}`)}`;
  }

  verifyCsrfToken(secrets: Secrets, token: string | undefined): boolean {
    this.csrfIssued = true;
    return tokenMatches(secrets, token, this.id);
  }

  private willTouch(now: Date): boolean {
    return now.getTime() - this.lastSeenAt.getTime() > 60_000 && Object.keys(this.data).length > 0;
  }

  /** Writes changes; touches the row at most once a minute so that browsing is not a write per page. */
  async save(db: Db, policy: SessionPolicy, now: Date): Promise<void> {
    if (this.rotatedFrom) await destroyStored(db, this.rotatedFrom);
    if (!this.dirty && !this.willTouch(now)) return;
    const expiresAt = new Date(this.createdAt.getTime() + policy.absoluteHours * 3_600_000);
    await tablesOf<HttpTables>(db)
      .insertInto('sessions')
      .values({
        id_hash: hashId(this.id),
        data: JSON.stringify(this.data),
        subject: this.subject,
        user_agent: this.userAgent,
        created_at: this.createdAt,
        last_seen_at: now,
        expires_at: expiresAt,
      })
      .onConflict((oc) =>
        oc.column('id_hash').doUpdateSet((eb) => ({
          data: eb.ref('excluded.data'),
          subject: eb.ref('excluded.subject'),
          user_agent: eb.ref('excluded.user_agent'),
          last_seen_at: now,
        })),
      )
      .execute();
  }
}

export interface SessionSummary {
  handle: string;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

/** The live sessions of a subject (person), newest activity first. */
export async function listSessionsOf(db: Db, subject: string, now: Date): Promise<SessionSummary[]> {
  const rows = await tablesOf<HttpTables>(db)
    .selectFrom('sessions')
    .select(['id_hash', 'user_agent', 'created_at', 'last_seen_at'])
    .where('subject', '=', subject)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((r) => ({
    handle: handleOf(r.id_hash),
    userAgent: r.user_agent,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
  }));
}

/** Ends a subject's sessions: one (by handle), or all but `keep` ("log out everywhere else"). */
export async function endSessionsOf(
  db: Db,
  subject: string,
  which: { handle: string } | { allBut: string },
): Promise<number> {
  const handle = 'handle' in which ? which.handle : which.allBut;
  if (!/^[0-9a-f]{16}$/.test(handle)) return 0;
  let query = tablesOf<HttpTables>(db).deleteFrom('sessions').where('subject', '=', subject);
  query =
    'handle' in which
      ? query.where('id_hash', 'like', `${handle}%`)
      : query.where('id_hash', 'not like', `${handle}%`);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every session whose data contains `fragment` (e.g. the provider session a logout names). */
export async function endSessionsContaining(db: Db, fragment: Record<string, unknown>): Promise<number> {
  const result = await tablesOf<HttpTables>(db)
    .deleteFrom('sessions')
    .where(sql<boolean>`data @> ${JSON.stringify(fragment)}::jsonb`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Ends the sessions past a time-out that no request has ended yet (as `Session.load` would), and
 * deletes those ended more than `endedSessionGraceHours` ago.
 */
export async function purgeExpiredSessions(db: Db, policy: SessionPolicy, now: Date): Promise<number> {
  const sessions = tablesOf<HttpTables>(db);
  const idleCutoff = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const graceCutoff = new Date(now.getTime() - endedSessionGraceHours * 3_600_000);
  await sessions
    .updateTable('sessions')
    .set({ data: '{}', expires_at: now })
    .where('expires_at', '>', now)
    .where('last_seen_at', '<=', idleCutoff)
    .execute();
  await sessions
    .updateTable('sessions')
    .set({ data: '{}' })
    .where('expires_at', '<=', now)
    .where(sql<boolean>`data <> '{}'::jsonb`)
    .execute();
  const result = await sessions
    .deleteFrom('sessions')
    .where('expires_at', '<=', graceCutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * The root secret every purpose's keys are derived from: from configuration, or generated once and
 * shared by all instances. (The setting keeps its first name, from when it keyed CSRF tokens only.)
 */
export async function loadOrCreateSecret(db: Db, configured: string | undefined): Promise<string> {
  return configured ?? loadOrCreateSetting(db, 'csrf_secret', () => randomBytes(32).toString('base64url'));
}

/**
 * A platform setting made once and then shared by every instance (the first writer wins), for
 * secrets that may be generated when the operator did not configure them.
 */
export async function loadOrCreateSetting(db: Db, name: string, make: () => string): Promise<string> {
  const settings = tablesOf<HttpTables>(db);
  await settings
    .insertInto('platform_settings')
    .values({ name, value: make() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await settings
    .selectFrom('platform_settings')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}

function buildLoad(db: Db, reads: SessionCompanion | SessionReads | undefined, check: boolean) {
  const companion = typeof reads === 'function' ? reads : reads?.companion;
  const scopes = typeof reads === 'function' ? undefined : reads?.scopes;
  return (
    tablesOf<HttpTables>(db)
      .selectFrom('sessions')
      .select(['data', 'subject', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
      .$if(companion !== undefined && !check, (q) =>
        q.select((companion as SessionCompanion)(sql.ref('data')).as('companion')),
      )
      // The day counts too: mandates come into force and end by date.
      .$if(scopes !== undefined, (q) =>
        q.select(sql<string>`md5(data::text || (now() at time zone 'UTC')::date)`.as('data_hash')),
      )
      .$if(scopes !== undefined && !check, (q) =>
        q.select([
          currentSnapshot.as('snapshot'),
          sql<string>`${(scopes as SessionReads['scopes'])(sql.ref('data'))}::text`.as('scopes'),
        ]),
      )
      .$if(scopes !== undefined && check, (q) =>
        q.select(unchangedSince(sql`${scopesSlot}::uuid[]`, sql`${snapshotSlot}`).as('unchanged')),
      )
      .where('id_hash', '=', idSlot)
  );
}

/** Stand for the values of the compiled statement's parameters, wherever the SQL puts them. */
const idSlot = '\u0000id';
const snapshotSlot = '\u0000snapshot';
const scopesSlot = '\u0000scopes';
const slots = new Set([idSlot, snapshotSlot, scopesSlot]);

type LoadedRow = Awaited<ReturnType<ReturnType<typeof buildLoad>['executeTakeFirstOrThrow']>> & {
  companion?: unknown;
  snapshot?: string;
  scopes?: string;
  data_hash?: string;
  unchanged?: boolean;
};

/**
 * The session's read, compiled once per companion and kind (reading the companion, or checking that
 * what was kept of it holds): Kysely would otherwise build the companion's SQL again on every request
 * (~45 µs of CPU).
 */
const compiledLoads = new WeakMap<object, [CompiledQuery<LoadedRow>, CompiledQuery<LoadedRow>]>();

function loadQuery(
  db: Db,
  reads: SessionCompanion | SessionReads | undefined,
  check: boolean,
): CompiledQuery<LoadedRow> {
  const key = reads ?? compiledLoads;
  let compiled = compiledLoads.get(key);
  if (!compiled) {
    compiled = [
      buildLoad(db, reads, false).compile() as CompiledQuery<LoadedRow>,
      buildLoad(db, reads, true).compile() as CompiledQuery<LoadedRow>,
    ];
    for (const query of compiled)
      if (query.parameters.some((p) => !slots.has(p as string)))
        throw new Error('A session companion takes no parameters');
    compiledLoads.set(key, compiled);
  }
  return compiled[check ? 1 : 0];
}

async function runLoad(
  db: Db,
  query: CompiledQuery<LoadedRow>,
  idHash: string,
  kept?: Kept,
): Promise<LoadedRow | undefined> {
  const parameters = query.parameters.map((p) =>
    p === idSlot ? idHash : p === snapshotSlot ? kept?.snapshot : kept?.scopes,
  );
  return (await executeWithGenericPlan<LoadedRow>(db, { ...query, parameters })).rows[0];
}

/**
 * The session's row with its companion: what this instance kept of it when that still holds (one
 * statement, checking it), otherwise read again and kept anew.
 */
async function readRow(
  db: Db,
  idHash: string,
  reads: SessionCompanion | SessionReads | undefined,
): Promise<{ row: LoadedRow | undefined; kept?: Kept }> {
  const keeps = typeof reads === 'object';
  const kept = keeps ? keptOf(db) : undefined;
  const before = kept?.get(idHash);
  if (before && performance.now() - before.bornAt < keptReadMaxAgeMs) {
    const row = await runLoad(db, loadQuery(db, reads, true), idHash, before);
    if (row?.unchanged && row.data_hash === before.dataHash) return { row, kept: before };
    if (!row) {
      kept?.delete(idHash);
      return { row };
    }
  }
  kept?.delete(idHash);
  const row = await runLoad(db, loadQuery(db, reads, false), idHash);
  if (!kept || !row?.snapshot || !row.scopes || !row.data_hash) return { row };
  if (kept.size >= maxKeptSessions) kept.delete(kept.keys().next().value as string);
  const fresh: Kept = {
    snapshot: row.snapshot,
    scopes: row.scopes,
    dataHash: row.data_hash,
    companion: row.companion,
    bornAt: performance.now(),
  };
  kept.set(idHash, fresh);
  return { row, kept: fresh };
}

function idleExpiry(lastSeenAt: Date, policy: SessionPolicy): Date {
  return new Date(lastSeenAt.getTime() + policy.idleMinutes * 60_000);
}

function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** A session's public handle: the start of its stored hash (the hash, not the id, is what lists see). */
function handleOf(idHash: string): string {
  return idHash.slice(0, 16);
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function tokenMatches(secrets: Secrets, token: string | undefined, id: string): boolean {
  const [keyId, given] = token?.split('.') ?? [];
  const key = secrets.accepted('csrf').find((k) => k.id === keyId);
  return key !== undefined && given !== undefined && sameText(given, mac(key, `csrf:${id}`));
}

/**
 * A timed-out session's row loses its data (tokens, level, account) and is marked ended, keeping only
 * whose it was: a post from its pages that comes later is then still recognised, and kept (ADR 28).
 */
async function endStored(db: Db, id: string, now: Date): Promise<void> {
  await tablesOf<HttpTables>(db)
    .updateTable('sessions')
    .set((eb) => ({ data: '{}', expires_at: sql<Date>`least(${eb.ref('expires_at')}, ${now})` }))
    .where('id_hash', '=', hashId(id))
    .execute();
}

async function destroyStored(db: Db, id: string): Promise<void> {
  await tablesOf<HttpTables>(db).deleteFrom('sessions').where('id_hash', '=', hashId(id)).execute();
}
