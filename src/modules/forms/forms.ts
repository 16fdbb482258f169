import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { MandateTheme } from '../mandates/index.ts';
import { definitionProblems, type FormDefinition } from './definition.ts';
import type { FormsTables } from './tables.ts';

const tables = (db: Db) => tablesOf<FormsTables>(db);

export interface Form {
  id: string;
  authorityId: string;
  name: string;
  latestVersion: number;
  publishedVersion: number | null;
  /** The mandate theme a representative needs to fill it in for someone; none: only the account's people. */
  theme: MandateTheme | null;
}

export interface FormVersion {
  formId: string;
  version: number;
  definition: FormDefinition;
  publishedAt: Date | null;
}

const formColumns = [
  'id',
  'authority_id as authorityId',
  'name',
  'latest_version as latestVersion',
  'published_version as publishedVersion',
  'theme',
] as const;

/** Records the theme of the service a form serves: the catalogue calls it when it publishes the service. */
export async function setFormTheme(db: Db, formId: string, theme: MandateTheme | null): Promise<void> {
  await tables(db).updateTable('forms').set({ theme }).where('id', '=', formId).execute();
}

/** A new, empty definition: one step to start from. */
export function blankDefinition(title: string): FormDefinition {
  return {
    format: 'guichet-form/1',
    title: { fr: title },
    steps: [{ id: 'step1', title: { fr: 'Étape 1' }, fields: [] }],
  };
}

export async function getForm(db: Db, id: string): Promise<Form | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db).selectFrom('forms').select(formColumns).where('id', '=', id).executeTakeFirst();
}

export async function listFormsOf(db: Db, authorityIds: string[]): Promise<Form[]> {
  if (authorityIds.length === 0) return [];
  return tables(db)
    .selectFrom('forms')
    .select(formColumns)
    .where('authority_id', 'in', authorityIds)
    .orderBy('name')
    .execute();
}

export async function getVersion(
  db: Db,
  form: Form,
  which: number | 'latest' | 'published',
): Promise<FormVersion | undefined> {
  const version =
    which === 'latest' ? form.latestVersion : which === 'published' ? form.publishedVersion : which;
  if (version === null) return undefined;
  const row = await tables(db)
    .selectFrom('form_versions')
    .select(['form_id as formId', 'version', 'definition', 'published_at as publishedAt'])
    .where('form_id', '=', form.id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row;
}

export async function listVersions(db: Db, formId: string) {
  return tables(db)
    .selectFrom('form_versions')
    .select(['version', 'saved_by as savedBy', 'saved_at as savedAt', 'published_at as publishedAt'])
    .where('form_id', '=', formId)
    .orderBy('version', 'desc')
    .execute();
}

export async function createForm(
  db: Db,
  actor: string,
  draft: { authorityId: string; name: string; definition: FormDefinition },
): Promise<Form> {
  return audited(
    db,
    (form: Form) => ({
      actor,
      action: 'forms.form.create',
      subjectType: 'form',
      subjectId: form.id,
      authorityId: draft.authorityId,
    }),
    async (tx) => {
      const { id } = await tables(tx)
        .insertInto('forms')
        .values({
          authority_id: draft.authorityId,
          name: draft.name,
          latest_version: 1,
          published_version: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tables(tx)
        .insertInto('form_versions')
        .values({
          form_id: id,
          version: 1,
          definition: draft.definition,
          saved_by: actor,
          published_at: null,
        })
        .execute();
      return (await getForm(tx, id)) as Form;
    },
  );
}

/**
 * Saves the definition being designed: into the latest version while it is a draft, into a new
 * version once the latest is published (published versions never change). Every save is audited.
 */
export async function saveDefinition(
  db: Db,
  actor: string,
  form: Form,
  definition: FormDefinition,
): Promise<number> {
  return audited(
    db,
    (version: number) => ({
      actor,
      action: 'forms.definition.save',
      subjectType: 'form',
      subjectId: form.id,
      authorityId: form.authorityId,
      details: { version, steps: definition.steps.length },
    }),
    async (tx) => {
      const latest = await tables(tx)
        .selectFrom('forms')
        .select(['latest_version', 'published_version'])
        .where('id', '=', form.id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (latest.published_version === latest.latest_version) {
        const version = latest.latest_version + 1;
        await tables(tx)
          .insertInto('form_versions')
          .values({ form_id: form.id, version, definition, saved_by: actor, published_at: null })
          .execute();
        await tables(tx)
          .updateTable('forms')
          .set({ latest_version: version, updated_at: sql`now()`, name: definition.title.fr })
          .where('id', '=', form.id)
          .execute();
        return version;
      }
      await tables(tx)
        .updateTable('form_versions')
        .set({ definition, saved_by: actor, saved_at: sql`now()` })
        .where('form_id', '=', form.id)
        .where('version', '=', latest.latest_version)
        .execute();
      await tables(tx)
        .updateTable('forms')
        .set({ updated_at: sql`now()`, name: definition.title.fr })
        .where('id', '=', form.id)
        .execute();
      return latest.latest_version;
    },
  );
}

/** Publishes the latest version; refused while the definition has structural problems. */
export async function publishForm(db: Db, actor: string, form: Form): Promise<string[]> {
  const latest = await getVersion(db, form, 'latest');
  if (!latest) return ['missing'];
  const problems = definitionProblems(latest.definition);
  if (problems.length > 0 || latest.publishedAt) return problems;
  await audited(
    db,
    {
      actor,
      action: 'forms.form.publish',
      subjectType: 'form',
      subjectId: form.id,
      authorityId: form.authorityId,
      details: { version: latest.version },
    },
    async (tx) => {
      // The form's row first, as saving a definition does: the same lock order, no deadlock between them.
      await tables(tx).selectFrom('forms').select('id').where('id', '=', form.id).forUpdate().execute();
      await tables(tx)
        .updateTable('form_versions')
        .set({ published_at: sql`now()` })
        .where('form_id', '=', form.id)
        .where('version', '=', latest.version)
        // Two designers publishing at once: the second finds it done instead of tripping the trigger.
        .where('published_at', 'is', null)
        .execute();
      await tables(tx)
        .updateTable('forms')
        .set({ published_version: latest.version, updated_at: sql`now()` })
        .where('id', '=', form.id)
        .execute();
    },
  );
  return [];
}
