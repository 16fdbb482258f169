import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import type { SearchResult } from './search-index.ts';
import { isStopWord } from './search-words.ts';
import { portalScope, type ServiceEntry } from './services.ts';

const configs = sql.join(['catalogue_fr', 'catalogue_de', 'catalogue_en'].map((c) => sql.lit(c)));

/**
 * Search while this instance has no index yet (ADR 27): PostgreSQL's full-text index, fresh by
 * construction, so nobody waits for a build. Each word required, standing for itself and its synonyms,
 * stemmed in each language, the last one completed; typos and compounds wait for the index.
 * `words` are folded (letters and digits only), as `queryWords` gives them.
 */
export async function searchCatalogueTable(
  db: Db,
  words: string[],
  options: { communeId: string | null; limit: number; offset: number },
): Promise<SearchResult> {
  const meaningful = words.flatMap((w, i) => (isStopWord(w) ? [] : [{ w, last: i === words.length - 1 }]));
  if (meaningful.length === 0) return { total: 0, entries: [] };
  const { rows } = await sql<ServiceEntry & { total: string }>`
    with input as (
      select w, n, last from unnest(${meaningful.map((m) => m.w)}::text[], ${meaningful.map((m) => m.last)}::boolean[])
        with ordinality as i(w, last, n)
    ),
    expanded as (
      select n, last, w as word from input
      union
      select input.n, input.last, unnest(s.terms) from input join catalogue_synonyms s on s.terms @> array[input.w]
    ),
    groups as (
      select n, catalogue_or_agg(
        -- Quoted: a synonym stored by other means than addSynonyms must not be read as an operator.
        to_tsquery(c, quote_literal(word) || case when last and length(word) >= 3 then ':*' else '' end)) as query
      from expanded, unnest(array[${configs}]::regconfig[]) as c
      group by n
    ),
    q as (select catalogue_and_agg(query) as query from groups)
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
