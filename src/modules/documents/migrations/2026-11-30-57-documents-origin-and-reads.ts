import { type Kysely, sql } from 'kysely';

/**
 * Who a document comes from, and who read it.
 *
 * A document sent by the account's own people (a complement, a message's file) names its sender; one
 * without a sender was issued by its authority. Before, every document read as "issued by" the
 * authority: a sender is recovered from `published_by` when that person is the account's holder, a
 * member or an agent under a mandate, and holds no staff role at the authority (a clerk publishing
 * into an account they also belong to stays the authority's act, as it most likely was).
 *
 * Reading is per person (a representative opening a document leaves it unread for the holder). The
 * old `first_read_at` said only that somebody opened it: each person's first view or download is taken
 * from the access log, which says who and on what right; a document read when the log says nothing of
 * it is credited to the holder, the one the old column stood for. A sender has read what they sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table documents
    add column sent_by_person_id uuid,
    add column sent_by_name text,
    add column sent_by_mandate_id uuid,
    add constraint documents_sender_named check (sent_by_person_id is null or sent_by_name is not null)`.execute(
    db,
  );
  await sql`
    update documents d set
      sent_by_person_id = p.id,
      sent_by_name = p.given_names || ' ' || p.family_name,
      sent_by_mandate_id = (
        select m.id from mandates m
        where m.principal_account_id = d.account_id and m.agent_person_id = p.id
          and p.id is distinct from a.person_id
          and not exists (select 1 from account_members am where am.account_id = d.account_id and am.person_id = p.id)
        order by m.created_at desc limit 1)
    from persons p, accounts a
    where d.published_by = 'person:' || p.id::text and a.id = d.account_id
      and not exists (select 1 from authority_staff s where s.authority_id = d.authority_id and s.person_id = p.id)
      and (a.person_id = p.id
        or exists (select 1 from account_members am where am.account_id = d.account_id and am.person_id = p.id)
        or exists (select 1 from mandates m where m.principal_account_id = d.account_id and m.agent_person_id = p.id))`.execute(
    db,
  );

  await db.schema
    .createTable('document_reads')
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id'))
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    // The right the person read it on: only the holder's or a member's reading is the recipient's.
    .addColumn('via', 'text', (c) => c.notNull().check(sql`via in ('holder', 'member', 'mandate')`))
    .addColumn('read_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('document_reads_pk', ['document_id', 'person_id'])
    .execute();

  await sql`
    insert into document_reads (document_id, person_id, via, read_at)
    select distinct on (l.subject_id, l.person_id) d.id, l.person_id, l.via, l.at
    from account_access_log l join documents d on d.id::text = l.subject_id and d.account_id = l.account_id
    where l.subject_type = 'document' and l.action in ('document.view', 'document.download')
      and l.via in ('holder', 'member', 'mandate')
    order by l.subject_id, l.person_id, l.at`.execute(db);
  await sql`
    insert into document_reads (document_id, person_id, via, read_at)
    select d.id, a.person_id, 'holder', d.first_read_at
    from documents d join accounts a on a.id = d.account_id
    where d.first_read_at is not null and a.person_id is not null
      and not exists (select 1 from document_reads r where r.document_id = d.id)
    on conflict do nothing`.execute(db);
  await sql`
    insert into document_reads (document_id, person_id, via, read_at)
    select d.id, d.sent_by_person_id,
      case when d.sent_by_mandate_id is not null then 'mandate'
           when a.person_id = d.sent_by_person_id then 'holder' else 'member' end,
      d.created_at
    from documents d join accounts a on a.id = d.account_id
    where d.sent_by_person_id is not null
    on conflict do nothing`.execute(db);

  await sql`drop index documents_unread`.execute(db);
  await sql`alter table documents drop column first_read_at`.execute(db);
}
