import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { searchableText } from './service-content.ts';
import type { ServiceEntry } from './services.ts';
import { portalScope } from './services.ts';
import type { CatalogueTables } from './tables.ts';

const tables = (db: Db) => tablesOf<CatalogueTables>(db);

/** The search configurations of the migration: unaccented, then stemmed in each language. */
const configs: Record<Locale, string> = { fr: 'catalogue_fr', de: 'catalogue_de', en: 'catalogue_en' };

/** Lower case without accents, as `catalogue_fold` does in the database (ß and æ included). */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** The words of a query, folded; at most eight, so a pasted paragraph stays a cheap query. */
export function queryWords(query: string): string[] {
  return [...new Set(fold(query.slice(0, 200)).split(/[^a-z0-9]+/))].filter((w) => w.length >= 2).slice(0, 8);
}

/** Makes a published entry findable: its texts in every language, weighted names first, and its words. */
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
  const allText = (['fr', 'de', 'en'] as const).map((l) => searchableText(entry.content, l)).join('\n');
  await sql`
    insert into catalogue_words (word)
    select distinct w from regexp_split_to_table(catalogue_fold(${allText}), '[^a-z0-9]+') as w
    where length(w) >= 3
    on conflict do nothing`.execute(tx);
}

export async function unindexService(tx: Db, serviceId: string): Promise<void> {
  await tables(tx).deleteFrom('catalogue_search').where('service_id', '=', serviceId).execute();
}

export interface SearchResult {
  total: number;
  entries: ServiceEntry[];
}

/**
 * Published services matching `query` on a portal (the canton's: null), best first, in one statement.
 * Each query word must match, through any of: itself; catalogue words a typo or two away (one from
 * five letters, two from eight); compounds that start with it ("Betreibungsregister" for
 * "Betreibung"); the designers' synonyms of all of these — stemmed in each language, the last word
 * also as a prefix so that results follow the typing. Stop words of any language ("de", "die") are
 * dropped: they carry no meaning.
 */
export async function searchServices(
  db: Db,
  query: string,
  options: { communeId: string | null; limit: number; offset: number },
): Promise<SearchResult> {
  const words = queryWords(query);
  if (words.length === 0) return { total: 0, entries: [] };
  const configList = sql.join(Object.values(configs).map((config) => sql.lit(config)));
  const { rows } = await sql<ServiceEntry & { total: string }>`
    with input as (
      select w, n, n = ${words.length} as last,
             case when length(w) >= 8 then 2 when length(w) >= 5 then 1 else 0 end as edits
      from unnest(${words}::text[]) with ordinality as i(w, n)
    ),
    words as (
      select * from input where not exists (
        select 1 from unnest(array[${configList}]::regconfig[]) as c where numnode(plainto_tsquery(c, w)) = 0)
    ),
    known as (
      select n, last, w as word from words
      union
      select words.n, words.last, cw.word from words join catalogue_words cw on cw.word <> words.w and (
        (length(words.w) >= 5 and cw.word like words.w || '%')
        or (abs(length(cw.word) - length(words.w)) <= words.edits
            and levenshtein_less_equal(words.w, cw.word, words.edits) <= words.edits))
    ),
    expanded as (
      select n, last, word from known
      union
      select known.n, known.last, unnest(s.terms) from known join catalogue_synonyms s on s.terms @> array[known.word]
    ),
    groups as (
      select n, catalogue_or_agg(
        to_tsquery(c, case when last and length(word) >= 3 then word || ':*' else word end)) as query
      from expanded, unnest(array[${configList}]::regconfig[]) as c
      group by n
    ),
    q as (select catalogue_and_agg(query) as query from groups having count(*) > 0)
    select s.id, s.slug, s.authority_id as "authorityId", s.state, s.latest_version as "latestVersion",
           s.published_version as "publishedVersion", s.updated_at as "updatedAt",
           v.version, v.content, count(*) over () as total
    from catalogue_search, q, catalogue_services s, catalogue_service_versions v
    where catalogue_search.document @@ q.query
      and ${portalScope(options.communeId)}
      and s.id = catalogue_search.service_id and s.state = 'published'
      and v.service_id = s.id and v.version = s.published_version
    order by ts_rank_cd(catalogue_search.document, q.query) desc, v.content->'name'->>'fr'
    limit ${options.limit} offset ${options.offset}`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    entries: rows.map(({ total: _total, ...entry }) => entry),
  };
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
    async (tx) =>
      (
        await tables(tx)
          .insertInto('catalogue_synonyms')
          .values({ terms: folded, created_by: actor })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
  );
  return folded;
}

export async function listSynonyms(db: Db) {
  return tables(db).selectFrom('catalogue_synonyms').select(['id', 'terms']).orderBy('created_at').execute();
}

export async function deleteSynonyms(db: Db, actor: string, id: string): Promise<boolean> {
  return audited(
    db,
    { actor, action: 'catalogue.synonyms.delete', subjectType: 'synonyms', subjectId: id },
    async (tx) =>
      (await tables(tx).deleteFrom('catalogue_synonyms').where('id', '=', id).executeTakeFirst())
        .numDeletedRows > 0n,
  );
}
