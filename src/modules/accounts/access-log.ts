import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { staffRolesOf } from '../authorities/index.ts';
import type { AccessVia, AccountsTables } from './tables.ts';

export interface AccessEntry {
  accountId: string;
  person: { id: string; name: string };
  via: AccessVia;
  mandateId?: string;
  /** What was done: `document.view`, `document.download`, `request.submit`, … */
  action: string;
  subject: { type: string; id: string; label: string };
  /** The authority whose staff, business application (`api`: `person` is its API key) or support desk it was. */
  authorityId?: string;
}

/**
 * How long the log keeps an entry: two years, the time a person may still ask who read their file
 * and an authority must be able to answer (docs/access-log.md); the daily job removes older ones.
 */
export const accessLogRetentionDays = 730;

/**
 * Records that someone consulted or acted on an account's data. Modules call it for every access to
 * documents, requests, messages and payments, so the holder can see who did what, on which right.
 */
export async function recordAccess(db: Db, entry: AccessEntry): Promise<void> {
  // A clerk's right is their role in the authority at that moment: kept, as roles change later.
  const roles =
    entry.via === 'staff' && entry.authorityId
      ? (await staffRolesOf(db, entry.person.id)).filter((r) => r.authorityId === entry.authorityId)
      : [];
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
      authority_id: entry.authorityId ?? null,
      basis: roles.length > 0 ? roles.map((r) => r.role).join(', ') : null,
    })
    .execute();
}

/** Removes the entries older than the retention period; returns how many. */
export async function purgeAccessLog(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - accessLogRetentionDays * 86_400_000);
  return audited(
    db,
    (count: number) => ({
      actor: 'system',
      action: 'accounts.purgeAccessLog',
      subjectType: 'accessLog',
      subjectId: cutoff.toISOString(),
      details: { count },
    }),
    async (tx) => {
      const result = await tablesOf<AccountsTables>(tx)
        .deleteFrom('account_access_log')
        .where('at', '<', cutoff)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  );
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
      'person_id as personId',
      'via',
      'mandate_id as mandateId',
      'action',
      'subject_type as subjectType',
      'subject_id as subjectId',
      'subject_label as subjectLabel',
      'at',
      'authority_id as authorityId',
      'basis',
    ])
    .where('account_id', '=', accountId)
    .$if(filter.mandateId !== undefined, (q) => q.where('mandate_id', '=', filter.mandateId as string))
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 200)
    .execute();
}
