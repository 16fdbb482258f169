import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { searchCatalogueTable } from './search-database.ts';
import { applySearchChanges, recordSearchChange, searchIndex } from './search-freshness.ts';
import type { SearchResult } from './search-index.ts';
import { queryWords } from './search-words.ts';
import { searchableText } from './service-content.ts';
import type { ServiceEntry } from './services.ts';
import type { CatalogueTables } from './tables.ts';

export type { SearchResult } from './search-index.ts';
export { fold, queryWords } from './search-words.ts';

const tables = (db: Db) => tablesOf<CatalogueTables>(db);

/**
 * The search configurations of the migration: unaccented, then stemmed in each language. Search itself
 * runs in memory; the database's full-text index stays the portal's list of what is published (and the
 * benchmark's baseline).
 */
const configs: Record<Locale, string> = { fr: 'catalogue_fr', de: 'catalogue_de', en: 'catalogue_en' };

/** Makes a published entry findable: its texts in every language, weighted names first. */
export async function reindexService(tx: Db, entry: ServiceEntry): Promise<void> {
  const authority = await getAuthorityById(tx, entry.authorityId);
  if (!authority) throw new Error(`Unknown authority ${entry.authorityId}`);
  const vectors = (Object.keys(configs) as Locale[]).flatMap((locale) => {
    const config = sql.lit(configs[locale]);
    return [
      sql`setweight(to_tsvector(${config}::regconfig, ${entry.content.name[locale] ?? ''}), 'A')`,
      sql`setweight(to_tsvector(${config}::regconfig, ${entry.content.summary[locale] ?? ''}), 'B')`,
      sql`setweight(to_tsvector(${config}::regconfig, ${searchableText(entry.content, locale)}), 'C')`,
    ];
  });
  const document = sql`${sql.join(vectors, sql` || `)}`;
  await tables(tx)
    .insertInto('catalogue_search')
    .values({
      service_id: entry.id,
      authority_id: entry.authorityId,
      communal: authority.kind === 'commune',
      document,
    })
    .onConflict((oc) => oc.column('service_id').doUpdateSet({ document, authority_id: entry.authorityId }))
    .execute();
  await recordSearchChange(tx, entry.id);
}

export async function unindexService(tx: Db, serviceId: string): Promise<void> {
  await tables(tx).deleteFrom('catalogue_search').where('service_id', '=', serviceId).execute();
  await recordSearchChange(tx, serviceId);
}

/**
 * Published services matching `query` on a portal (the canton's: null), best first, from this
 * instance's index: search-index.ts says what matches, search-freshness.ts how fresh it is and when
 * the database answers instead.
 */
export async function searchServices(
  db: Db,
  query: string,
  options: { communeId: string | null; limit: number; offset: number },
): Promise<SearchResult> {
  const words = queryWords(query);
  if (words.length === 0) return { total: 0, entries: [] };
  const index = await searchIndex(db);
  return index ? index.search(query, options) : searchCatalogueTable(db, words, options);
}

/** Adds a group of terms that mean the same (e.g. "poursuites", "Betreibung"); returns them folded. */
export async function addSynonyms(db: Db, actor: string, terms: string[]): Promise<string[]> {
  const folded = [...new Set(terms.flatMap((t) => queryWords(t)))];
  if (folded.length < 2) return [];
  await audited(
    db,
    (id: string) => ({
      actor,
      action: 'catalogue.synonyms.add',
      subjectType: 'synonyms',
      subjectId: id,
      details: { terms: folded },
    }),
    async (tx) => {
      const { id } = await tables(tx)
        .insertInto('catalogue_synonyms')
        .values({ terms: folded, created_by: actor })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordSearchChange(tx, null);
      return id;
    },
  );
  await applySearchChanges(db);
  return folded;
}

export async function listSynonyms(db: Db) {
  return tables(db).selectFrom('catalogue_synonyms').select(['id', 'terms']).orderBy('created_at').execute();
}

export async function deleteSynonyms(db: Db, actor: string, id: string): Promise<boolean> {
  const deleted = await audited(
    db,
    { actor, action: 'catalogue.synonyms.delete', subjectType: 'synonyms', subjectId: id },
    async (tx) => {
      const { numDeletedRows } = await tables(tx)
        .deleteFrom('catalogue_synonyms')
        .where('id', '=', id)
        .executeTakeFirst();
      if (numDeletedRows > 0n) await recordSearchChange(tx, null);
      return numDeletedRows > 0n;
    },
  );
  await applySearchChanges(db);
  return deleted;
}
