// Volume for the scaling bench and the tests that pin a plan at volume, written straight into the
// modules' own tables: the first rows are made through the modules' functions (so their shapes are
// real) and copied here by the thousand, as one statement each, because making 100,000 requests one
// submission at a time would take hours.
import { sql } from 'kysely';
import type pg from 'pg';
import { chainHash } from '../../src/platform/audit/audit.ts';
import type { Db } from '../../src/platform/database/database.ts';
import { queriesSentDuring } from './statements.ts';

/**
 * Copies the request `templateId` until `count` more exist, numbered from `from`: the authority's usual
 * mix — one in twenty new, one in twenty in progress, one in twenty awaiting a complement (a third of
 * those open ones assigned to `assigneeId`), the rest decided — submitted every 5 minutes back in time,
 * with answers that differ. `accountId`/`personId` give them to another requester.
 */
export async function copyRequests(
  db: Db,
  options: {
    templateId: string;
    from: number;
    count: number;
    assigneeId: string;
    prefix: string;
    owner?: { accountId: string; personId: string };
  },
) {
  if (options.count <= 0) return;
  const { templateId, from, count, assigneeId, prefix } = options;
  await sql`
    insert into cases (reference, authority_id, form_id, form_version, submission_id, title, account_id,
      person_id, mandate_id, level, answers, status, assignee_person_id, due_at, created_at, status_changed_at)
    select ${prefix} || '-' || lpad(g::text, 7, '0'), t.authority_id, t.form_id, t.form_version,
      gen_random_uuid(), t.title, coalesce(${options.owner?.accountId ?? null}::uuid, t.account_id),
      coalesce(${options.owner?.personId ?? null}::uuid, t.person_id), null, t.level,
      jsonb_build_object('purpose', 'Motif ' || md5(g::text)),
      (array['submitted', 'in_progress', 'awaiting_complement', 'granted', 'refused', 'closed', 'withdrawn'])[
        case when g % 20 < 3 then g % 20 + 1 else 4 + g % 4 end],
      case when g % 20 < 3 and g % 3 = 0 then ${assigneeId}::uuid end,
      now() - g * interval '5 minutes' + interval '20 days', now() - g * interval '5 minutes',
      now() - g * interval '5 minutes'
    from generate_series(${from}::int, ${from + count - 1}::int) g, cases t where t.id = ${templateId}`.execute(
    db,
  );
  await sql`analyze cases`.execute(db);
}

/**
 * Appends `count` events to the audit chain, each linked to the one before as `audited` would, in
 * batches of 10,000 rows per statement.
 */
export async function appendAuditEvents(db: Db, count: number) {
  const last = await sql<{ hash: string }>`select hash from audit_events order by id desc limit 1`.execute(
    db,
  );
  let previous = last.rows[0]?.hash ?? '0'.repeat(64);
  const occurred = new Date();
  for (let done = 0; done < count; ) {
    const size = Math.min(10_000, count - done);
    const subjects: string[] = [];
    const hashes: string[] = [];
    const previousHashes: string[] = [];
    for (let i = 0; i < size; i++) {
      const row = {
        occurred_at: occurred,
        actor: 'bench',
        on_behalf_of: null,
        action: 'bench.event',
        subject_type: 'bench',
        subject_id: String(done + i),
        authority_id: null,
        details: {},
        request_id: null,
        previous_hash: previous,
      };
      const hash = chainHash(row);
      subjects.push(row.subject_id);
      previousHashes.push(previous);
      hashes.push(hash);
      previous = hash;
    }
    await sql`
      insert into audit_events (occurred_at, actor, action, subject_type, subject_id, details, previous_hash, hash)
      select ${occurred}, 'bench', 'bench.event', 'bench', s, '{}'::jsonb, p, h
      from unnest(${subjects}::text[], ${previousHashes}::text[], ${hashes}::text[]) with ordinality as u(s, p, h, n)
      order by n`.execute(db);
    done += size;
  }
}

/**
 * The statements `work` sends on `cases` and `documents`, each with the plan PostgreSQL chose and its
 * real cost (`explain analyze` with the same parameters), caught on the pg client every pool hands out.
 */
export async function plansOf(pool: pg.Pool, work: () => Promise<unknown>): Promise<string[]> {
  const seen = (await queriesSentDuring(work)).filter(
    ({ text }) => /^select/i.test(text) && /"?(cases|documents)"?/.test(text),
  );
  const plans: string[] = [];
  for (const { text, values } of seen) {
    const { rows } = await pool.query(`explain (analyze, costs off) ${text}`, values);
    plans.push(`${text}\n${rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
  }
  return plans;
}
