import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { tablesOf } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import type { FaqEntry } from './faq.ts';
import type { SupportTables } from './tables.ts';

const faq = (db: Db) => tablesOf<SupportTables>(db);

/** Every question the desk keeps, the portal's first, then by service and position (the desk's list). */
export function listFaqEntries(db: Db): Promise<FaqEntry[]> {
  return faq(db)
    .selectFrom('support_faq')
    .select(['id', 'service_slug as serviceSlug', 'question', 'answer'])
    .orderBy('service_slug', (o) => o.nullsFirst())
    .orderBy('position')
    .execute();
}

/** One question, by its id (an id that is not a UUID is no question). */
export async function getFaqEntry(db: Db, id: string): Promise<FaqEntry | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return faq(db)
    .selectFrom('support_faq')
    .select(['id', 'service_slug as serviceSlug', 'question', 'answer'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Rewords a question or its answer, or moves it to another service. */
export async function updateFaqEntry(
  db: Db,
  actor: string,
  id: string,
  entry: { serviceSlug: string | null; question: LocalisedText; answer: LocalisedText },
): Promise<void> {
  await audited(db, { actor, action: 'support.faqEdit', subjectType: 'faq', subjectId: id }, (tx) =>
    faq(tx)
      .updateTable('support_faq')
      .set({
        service_slug: entry.serviceSlug,
        question: JSON.stringify(entry.question) as never,
        answer: JSON.stringify(entry.answer) as never,
      })
      .where('id', '=', id)
      .execute(),
  );
}

/** Takes a question out of the help pages for good. */
export async function removeFaqEntry(db: Db, actor: string, id: string): Promise<void> {
  await audited(db, { actor, action: 'support.faqRemove', subjectType: 'faq', subjectId: id }, (tx) =>
    faq(tx).deleteFrom('support_faq').where('id', '=', id).execute(),
  );
}
