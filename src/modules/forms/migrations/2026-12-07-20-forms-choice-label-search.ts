import { type Kysely, sql } from 'kysely';

/** Each option's label of a version, one row per language, as `form_choice_labels` keeps them. */
const labelsOf = (version: string) =>
  sql.raw(`select distinct ${version}.form_id, ${version}.version,
    o->>'value', l.value
  from jsonb_path_query(${version}.definition, 'lax $.**.options[*]') o,
    jsonb_each_text(case when jsonb_typeof(o->'label') = 'object' then o->'label' else '{}' end) l
  where o->>'value' is not null`);

/**
 * The inbox finds requests by the label of a choice (`choicesLabelledSql`). Walking every version's
 * definition for its options took 295 ms a search at 400 forms of two versions (its text through a
 * trigram index, 61 ms: the planner reads so small a table whole). The labels are kept here instead,
 * one row per option and language, by the database itself whenever a version is saved, and found
 * through trigrams.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create table form_choice_labels (
      form_id uuid not null,
      version integer not null,
      value text not null,
      label text not null,
      foreign key (form_id, version) references form_versions (form_id, version) on delete cascade)`.execute(
    db,
  );
  await sql`create index form_choice_labels_version on form_choice_labels (form_id, version)`.execute(db);
  await sql`create index form_choice_labels_label_trgm on form_choice_labels using gin (label gin_trgm_ops)`.execute(
    db,
  );
  await sql`
    create function form_choice_labels_kept() returns trigger language plpgsql as $$
    begin
      delete from form_choice_labels where form_id = new.form_id and version = new.version;
      insert into form_choice_labels (form_id, version, value, label) ${labelsOf('new')};
      return new;
    end $$`.execute(db);
  await sql`create trigger form_choice_labels_kept after insert or update of definition on form_versions
    for each row execute function form_choice_labels_kept()`.execute(db);
  await sql`insert into form_choice_labels (form_id, version, value, label)
    select k.* from form_versions v, lateral (${labelsOf('v')}) k`.execute(db);
}
