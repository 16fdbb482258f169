import { type Expression, type RawBuilder, sql } from 'kysely';
import type { LocalisedText } from '../../platform/i18n/locales.ts';

/** A draft as "my space" lists it: where to resume, its form's title and when it was last saved. */
export type DraftListed = { id: string; title: LocalisedText | null; updatedAt: string };

/** What "my space" shows of the drafts: the latest few, and how many there are in all. */
export type DraftsSummary = { drafts: DraftListed[]; total: number };

/** How many drafts "my space" lists; the others are on the drafts page it links to. */
const draftsShown = 10;

/**
 * The ten drafts last saved by the person in an account, with their form's title, and the count of all
 * of them (a window count, taken before the limit), as one JSON object: "my space" reads it with the
 * other sections' in one statement (it was a query per draft for the title).
 */
export function draftsSummary(accountId: string, personId: string): RawBuilder<DraftsSummary> {
  return sql<DraftsSummary>`select json_build_object('drafts', coalesce(json_agg(json_build_object(
      'id', d.id, 'title', v.definition->'title', 'updatedAt', d.updated_at) order by d.updated_at desc, d.id desc), '[]'),
      'total', coalesce(max(d.total), 0))
    from (select id, form_id, version, updated_at, count(*) over () as total from form_drafts
      where account_id = ${accountId} and person_id = ${personId} and submitted_at is null
      order by updated_at desc, id desc limit ${sql.lit(draftsShown)}) d
    left join form_versions v on v.form_id = d.form_id and v.version = d.version`;
}

/** How many drafts the person has in progress in an account, for the "other accounts" of "my space". */
export function draftCount(accountId: Expression<string>, personId: string): RawBuilder<number> {
  return sql<number>`select count(*)::int from form_drafts
    where account_id = ${accountId} and person_id = ${personId} and submitted_at is null`;
}
