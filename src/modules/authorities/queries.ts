import { type Db, tablesOf } from '../../platform/database/database.ts';
import { type Authority, type AuthorityKind, toAuthority } from './authority.ts';
import type { AuthoritiesTables } from './tables.ts';

/**
 * Every page names authorities (the header's branding, the portals' lists), and they change seldom:
 * each instance keeps them a few seconds. A change made here is seen at once (`forgetAuthorities`);
 * one made by another instance within the lifetime below.
 */
const lifetimeMs = 5_000;
const snapshots = new WeakMap<Db, { at: number; all: Promise<Authority[]> }>();

/** All authorities, in the order of their French name (the canton's reference language). */
function allAuthorities(db: Db): Promise<Authority[]> {
  // Inside a transaction, what it reads must include its own writes.
  if (db.isTransaction) return loadAuthorities(db);
  const snapshot = snapshots.get(db);
  if (snapshot && Date.now() - snapshot.at < lifetimeMs) return snapshot.all;
  const all = loadAuthorities(db);
  snapshots.set(db, { at: Date.now(), all });
  all.catch(() => snapshots.delete(db));
  return all;
}

async function loadAuthorities(db: Db): Promise<Authority[]> {
  const rows = await tablesOf<AuthoritiesTables>(db)
    .selectFrom('authorities')
    .selectAll()
    .orderBy((eb) => eb.ref('names', '->>').key('fr'))
    .execute();
  return rows.map(toAuthority);
}

/** After a change to authorities: the next read goes to the database. */
export function forgetAuthorities(db: Db): void {
  snapshots.delete(db);
}

export async function getAuthorityBySlug(db: Db, slug: string): Promise<Authority | undefined> {
  return (await allAuthorities(db)).find((a) => a.slug === slug);
}

export async function getAuthorityById(db: Db, id: string): Promise<Authority | undefined> {
  return (await allAuthorities(db)).find((a) => a.id === id);
}

export async function getCanton(db: Db): Promise<Authority | undefined> {
  return (await allAuthorities(db)).find((a) => a.kind === 'canton');
}

/** Authorities (of one kind), in the order of their French name. */
export async function listAuthorities(db: Db, kind?: AuthorityKind): Promise<Authority[]> {
  const all = await allAuthorities(db);
  return kind === undefined ? all : all.filter((a) => a.kind === kind);
}

export async function countAuthorities(db: Db): Promise<number> {
  return (await allAuthorities(db)).length;
}
