import { type RawBuilder, sql } from 'kysely';
import { escapeLike } from '../../platform/database/database.ts';

/** At most this many choice codes are looked for: a word in every option label says little. */
const choicesLooked = 20;

/**
 * The codes of the choices whose label, in any language, holds `text`, in every version of the
 * authority's forms, as a subquery another module's statement reads: answers keep a choice's code
 * ("chien-d-assistance"), a clerk searches its words ("Assistenzhund").
 */
export function choicesLabelledSql(authorityId: string, text: string): RawBuilder<string> {
  return sql<string>`select distinct o->>'value' from forms f
      join form_versions v on v.form_id = f.id,
      jsonb_path_query(v.definition, 'lax $.**.options[*]') o
    where f.authority_id = ${authorityId} and jsonb_typeof(o->'label') = 'object'
      and exists (select from jsonb_each_text(o->'label') l where l.value ilike ${`%${escapeLike(text)}%`})
    limit ${sql.lit(choicesLooked)}`;
}
