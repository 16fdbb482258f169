import { type Kysely, sql } from 'kysely';

/**
 * The request's reference (`2026-000123`) is given when the submission is accepted, so the citizen
 * reads it on the confirmation page before the job opens the request, which takes the same one.
 * Numbers go on from the requests' former sequence, and submissions already made take their
 * request's reference (a one-off read of the cases table, guarded for databases without it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence request_reference_seq`.execute(db);
  await sql`alter table form_submissions add column reference text`.execute(db);
  await sql`
    do $$
    begin
      if to_regclass('case_reference_seq') is not null then
        perform setval('request_reference_seq', nextval('case_reference_seq'));
      end if;
      if to_regclass('cases') is not null then
        update form_submissions s set reference = c.reference from cases c where c.submission_id = s.id;
      end if;
    end $$`.execute(db);
  await sql`
    update form_submissions
    set reference = to_char(submitted_at, 'YYYY') || '-' || lpad(nextval('request_reference_seq')::text, 6, '0')
    where reference is null`.execute(db);
  await sql`
    alter table form_submissions
      alter column reference set default
        to_char(now(), 'YYYY') || '-' || lpad(nextval('request_reference_seq')::text, 6, '0'),
      alter column reference set not null`.execute(db);
  await sql`create unique index form_submissions_reference on form_submissions (reference)`.execute(db);
}
