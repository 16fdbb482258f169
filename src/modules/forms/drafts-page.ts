import { sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { visibleKeysetPage } from '../../platform/database/keyset-page.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { can } from '../policy/index.ts';
import type { FormsTables } from './tables.ts';

const tables = (db: Db) => tablesOf<FormsTables>(db);

/** A draft on the list of all drafts: where to resume it, its form's title, when it was last saved. */
export interface DraftOnPage {
  id: string;
  title: LocalisedText | null;
  updatedAt: Date;
}

/** A page of the drafts list: `after`/`before` is the draft it follows/precedes. */
export interface DraftsPageQuery {
  after?: string;
  before?: string;
  size: number;
}

/**
 * Unfinished drafts the person began in the account (what "my space" counts), newest saved first,
 * keyset on (updated_at, id) from the draft `cursor`.
 */
async function draftsAfter(
  db: Db,
  accountId: string,
  personId: string,
  cursor: string | undefined,
  backwards: boolean,
  limit: number,
) {
  let query = tables(db)
    .selectFrom('form_drafts as d')
    .innerJoin('forms as f', 'f.id', 'd.form_id')
    .leftJoin('form_versions as v', (join) =>
      join.onRef('v.form_id', '=', 'd.form_id').onRef('v.version', '=', 'd.version'),
    )
    .select([
      'd.id',
      'd.account_id as accountId',
      'd.person_id as personId',
      'd.updated_at as updatedAt',
      'f.theme',
      sql<LocalisedText | null>`v.definition->'title'`.as('title'),
    ])
    .where('d.account_id', '=', accountId)
    .where('d.person_id', '=', personId)
    .where('d.submitted_at', 'is', null);
  if (cursor)
    query = query.where(
      sql<boolean>`(d.updated_at, d.id) ${sql.raw(backwards ? '>' : '<')}
        (select c.updated_at, c.id from form_drafts c
          where c.id = ${cursor} and c.account_id = ${accountId} and c.person_id = ${personId})`,
    );
  return query
    .orderBy('d.updated_at', backwards ? 'asc' : 'desc')
    .orderBy('d.id', backwards ? 'asc' : 'desc')
    .limit(limit)
    .execute();
}

/**
 * One page of the unfinished drafts of the account in use the person may go on filling in. The policy
 * decides on each draft (`draft.fillIn`, as opening it does): one it refuses — a representative whose
 * mandate no longer reaches its theme — is skipped and the next rows read until the page is full.
 */
export async function draftsPageVisibleTo(
  db: Db,
  actor: PersonActor,
  query: DraftsPageQuery,
): Promise<{ items: DraftOnPage[]; hasBefore: boolean; hasAfter: boolean }> {
  return visibleKeysetPage(
    query,
    (cursor, backwards, limit) => draftsAfter(db, actor.account.id, actor.id, cursor, backwards, limit),
    async ({ accountId, personId, theme, ...draft }) => {
      const resource = { type: 'draft' as const, accountId, personId, theme: theme ?? undefined };
      return (await can(db, actor, 'draft.fillIn', resource)).allowed ? draft : null;
    },
  );
}
