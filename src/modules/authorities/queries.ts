import { type Db, tablesOf } from '../../platform/database/database.ts';
import { type Authority, type AuthorityKind, toAuthority } from './authority.ts';
import type { AuthoritiesTables } from './tables.ts';

const authorities = (db: Db) => tablesOf<AuthoritiesTables>(db).selectFrom('authorities').selectAll();

export async function getAuthorityBySlug(db: Db, slug: string): Promise<Authority | undefined> {
  const row = await authorities(db).where('slug', '=', slug).executeTakeFirst();
  return row && toAuthority(row);
}

export async function getAuthorityById(db: Db, id: string): Promise<Authority | undefined> {
  const row = await authorities(db).where('id', '=', id).executeTakeFirst();
  return row && toAuthority(row);
}

export async function getCanton(db: Db): Promise<Authority | undefined> {
  const row = await authorities(db).where('kind', '=', 'canton').executeTakeFirst();
  return row && toAuthority(row);
}

/** Authorities (of one kind), in the order of their French name (the canton's reference language). */
export async function listAuthorities(db: Db, kind?: AuthorityKind): Promise<Authority[]> {
  const rows = await authorities(db)
    .$if(kind !== undefined, (q) => q.where('kind', '=', kind as AuthorityKind))
    .orderBy((eb) => eb.ref('names', '->>').key('fr'))
    .execute();
  return rows.map(toAuthority);
}

export async function countAuthorities(db: Db): Promise<number> {
  const row = await tablesOf<AuthoritiesTables>(db)
    .selectFrom('authorities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}
