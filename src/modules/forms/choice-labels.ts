import { type RawBuilder, sql } from 'kysely';
import { escapeLike } from '../../platform/database/database.ts';

/** At most this many choice codes are looked for: a word in every option label says little. */
const choicesLooked = 20;

/**
 * The codes of the choices whose label, in any language, holds `text`, in every version of the
 * authority's forms, as a subquery another module's statement reads: answers keep a choice's code
 * ("chien-d-assistance"), a clerk searches its words ("Assistenzhund"). The labels are kept by the
 * database as versions are saved (`form_choice_labels`), found through trigrams.
 */
export function choicesLabelledSql(authorityId: string, text: string): RawBuilder<string> {
  return sql<string>`select distinct l.value from form_choice_labels l
      join forms f on f.id = l.form_id
    where f.authority_id = ${authorityId} and l.label ilike ${`%${escapeLike(text)}%`}
    limit ${sql.lit(choicesLooked)}`;
}
