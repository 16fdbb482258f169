import { type Kysely, sql } from 'kysely';

/** Letters of saved workflows become texts per language: what was written is the French text. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update case_workflows set definition = jsonb_set(definition, '{statuses}', (
      select jsonb_object_agg(key, case
        when jsonb_typeof(value->'letter'->'title') = 'string' then jsonb_set(value, '{letter}', jsonb_build_object(
          'title', jsonb_build_object('fr', value->'letter'->'title'),
          'text', jsonb_build_object('fr', value->'letter'->'text')))
        else value end)
      from jsonb_each(definition->'statuses')))`.execute(db);
}
