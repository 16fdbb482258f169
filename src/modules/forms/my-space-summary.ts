import { type Expression, type RawBuilder, sql } from 'kysely';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import type { MandateTheme } from '../mandates/index.ts';

/** A draft as "my space" lists it: where to resume, its form's title and theme, when it was last saved. */
export type DraftListed = {
  id: string;
  title: LocalisedText | null;
  updatedAt: string;
  theme: MandateTheme | null;
};

/**
 * What "my space" shows of the drafts: the latest few, and how many there are of each form theme (the
 * policy decides per theme whether the person may go on with them, as the drafts page does per draft).
 */
export type DraftsSummary = { drafts: DraftListed[]; byTheme: { theme: MandateTheme | null; n: number }[] };

/** How many drafts "my space" lists; the others are on the drafts page it links to. */
export const draftsShown = 10;

/**
 * The ten drafts last saved by the person in an account in each form theme (the themes are few), with
 * their form's title, and the count of all of them by theme, as one JSON object: "my space" reads it
 * with the other sections' in one statement (it was a query per draft for the title), keeps the themes
 * the policy lets the person go on with and lists the ten latest of those.
 */
export function draftsSummary(accountId: string, personId: string): RawBuilder<DraftsSummary> {
  const unfinished = sql`d.account_id = ${accountId} and d.person_id = ${personId} and d.submitted_at is null`;
  return sql<DraftsSummary>`select json_build_object(
    'drafts', (select coalesce(json_agg(json_build_object('id', l.id, 'title', v.definition->'title',
        'updatedAt', l.updated_at, 'theme', l.theme) order by l.updated_at desc, l.id desc), '[]')
      from (select d.id, d.form_id, d.version, d.updated_at, f.theme, row_number() over (
          partition by f.theme order by d.updated_at desc, d.id desc) as rank
        from form_drafts d join forms f on f.id = d.form_id where ${unfinished}) l
      left join form_versions v on v.form_id = l.form_id and v.version = l.version
      where l.rank <= ${sql.lit(draftsShown)}),
    'byTheme', (select coalesce(json_agg(json_build_object('theme', t.theme, 'n', t.n)), '[]')
      from (select f.theme, count(*)::int as n from form_drafts d join forms f on f.id = d.form_id
        where ${unfinished} group by f.theme) t))`;
}

/** How many drafts the person has in progress in an account, for the "other accounts" of "my space". */
export function draftCount(accountId: Expression<string>, personId: string): RawBuilder<number> {
  return sql<number>`select count(*)::int from form_drafts
    where account_id = ${accountId} and person_id = ${personId} and submitted_at is null`;
}
