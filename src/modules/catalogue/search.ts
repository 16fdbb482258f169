import { type RawBuilder, sql } from 'kysely';
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

/** How many typing mistakes a word of this length may hold and still be recognised. */
export function allowedEdits(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
}

/** Drops words that are stop words in any of the languages ("de", "die", "the"): they carry no meaning. */
async function meaningfulWords(db: Db, words: string[]): Promise<string[]> {
  const configList = sql.join(Object.values(configs).map((config) => sql.lit(config)));
  const { rows } = await sql<{ w: string }>`
    select w from unnest(${words}::text[]) with ordinality as q(w, n)
    where not exists (
      select 1 from unnest(array[${configList}]::regconfig[]) as c
      where numnode(plainto_tsquery(c, w)) = 0)
    order by n`.execute(db);
  return rows.map((r) => r.w);
}

/**
 * Each query word with what it may also mean: catalogue words a typo or two away, compounds that
 * start with it ("Betreibungsregister" for "Betreibung"), and the designers' synonyms of all of them.
 */
export async function expandWords(db: Db, words: string[]): Promise<string[][]> {
  return Promise.all(
    (await meaningfulWords(db, words)).map(async (word) => {
      const edits = allowedEdits(word);
      const { rows } = await sql<{ word: string }>`
        select word from catalogue_words
        where word <> ${word}
          and ((${word.length >= 5} and word like ${`${word}%`})
            or (abs(length(word) - ${word.length}) <= ${edits}
                and levenshtein_less_equal(${word}, word, ${edits}) <= ${edits}))
        order by levenshtein(${word}, word), word limit 8`.execute(db);
      const known = [word, ...rows.map((r) => r.word)];
      const synonyms = await tables(db)
        .selectFrom('catalogue_synonyms')
        .select('terms')
        .where('terms', '&&', sql<string[]>`${known}::text[]`)
        .execute();
      return [...new Set([...known, ...synonyms.flatMap((s) => s.terms)])];
    }),
  );
}

function tsquery(groups: string[][]): RawBuilder<unknown> {
  // Every word must match (&&), through any of its alternatives in any language (||); the last word as
  // a prefix too, so that results follow the typing.
  const group = (alternatives: string[], last: boolean) =>
    sql`(${sql.join(
      alternatives.flatMap((alternative) =>
        Object.values(configs).map(
          (config) =>
            sql`to_tsquery(${sql.lit(config)}::regconfig, ${last && alternative.length >= 3 ? `${alternative}:*` : alternative})`,
        ),
      ),
      sql` || `,
    )})`;
  return sql`(${sql.join(
    groups.map((alternatives, i) => group(alternatives, i === groups.length - 1)),
    sql` && `,
  )})`;
}

export interface SearchResult {
  total: number;
  entries: ServiceEntry[];
}

/** Published services matching `query` on a portal (the canton's: null), best first. */
export async function searchServices(
  db: Db,
  query: string,
  options: { communeId: string | null; limit: number; offset: number },
): Promise<SearchResult> {
  const words = queryWords(query);
  if (words.length === 0) return { total: 0, entries: [] };
  const groups = await expandWords(db, words);
  if (groups.length === 0) return { total: 0, entries: [] };
  const rows = await sql<ServiceEntry & { total: string }>`
    with q as (select ${tsquery(groups)} as query)
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
    total: Number(rows.rows[0]?.total ?? 0),
    entries: rows.rows.map(({ total: _total, ...entry }) => entry),
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
