import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { AccessVia, AccountsTables } from './tables.ts';

export interface AccessEntry {
  accountId: string;
  person: { id: string; name: string };
  via: AccessVia;
  mandateId?: string;
  /** What was done: `document.view`, `document.download`, `request.submit`, … */
  action: string;
  subject: { type: string; id: string; label: string };
}

/**
 * Records that someone consulted or acted on an account's data. Modules call it for every access to
 * documents, requests, messages and payments, so the holder can see who did what, on which right.
 */
export async function recordAccess(db: Db, entry: AccessEntry): Promise<void> {
  await tablesOf<AccountsTables>(db)
    .insertInto('account_access_log')
    .values({
      account_id: entry.accountId,
      person_id: entry.person.id,
      person_name: entry.person.name,
      via: entry.via,
      mandate_id: entry.mandateId ?? null,
      action: entry.action,
      subject_type: entry.subject.type,
      subject_id: entry.subject.id,
      subject_label: entry.subject.label,
    })
    .execute();
}

/** The latest entries of an account's log, or of one mandate's (what an agent did and viewed). */
export async function listAccess(
  db: Db,
  accountId: string,
  filter: { mandateId?: string; limit?: number } = {},
) {
  return tablesOf<AccountsTables>(db)
    .selectFrom('account_access_log')
    .select([
      'id',
      'person_name as personName',
      'via',
      'mandate_id as mandateId',
      'action',
      'subject_type as subjectType',
      'subject_id as subjectId',
      'subject_label as subjectLabel',
      'at',
    ])
    .where('account_id', '=', accountId)
    .$if(filter.mandateId !== undefined, (q) => q.where('mandate_id', '=', filter.mandateId as string))
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
}
