import type { Db } from '../../platform/database/database.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { platformMessages } from '../../platform/views/messages.ts';
import { personNames } from './persons.ts';

/**
 * Rows whose `savedBy` holds an actor reference (`person:<id>`, `system`, `cli:seed`), with who it was
 * as people read it: the person's name, "the system", "Guichet (initial data)" — never the code.
 *
 * @example await withActorNames(db, 'en', versions) // [{ version: 1, savedBy: 'Guichet (initial data)', … }]
 */
export async function withActorNames<Row extends { savedBy: string }>(
  db: Db,
  locale: Locale,
  rows: readonly Row[],
): Promise<Row[]> {
  const names = await personNames(
    db,
    rows.map((r) => personIdOf(r.savedBy)).filter((id): id is string => Boolean(id)),
  );
  const t = platformMessages.translator(locale);
  const label = (ref: string): string => {
    const personId = personIdOf(ref);
    if (personId) return names.get(personId) ?? t('formerPerson');
    // Seeds and other command-line work (`cli:seed`, `cli`) are the platform's own initial data.
    return ref === 'cli' || ref.startsWith('cli:') ? t('seedActor') : t('systemActor');
  };
  return rows.map((row) => ({ ...row, savedBy: label(row.savedBy) }));
}

const personIdOf = (ref: string) => (ref.startsWith('person:') ? ref.slice('person:'.length) : undefined);
