import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { tablesOf } from '../../platform/database/database.ts';
import type { Locale, LocalisedText } from '../../platform/i18n/locales.ts';
import type { SupportTables } from './tables.ts';

export interface FaqEntry {
  id: string;
  serviceSlug: string | null;
  question: LocalisedText;
  answer: LocalisedText;
}

/** Adds a question and its answer, for a service or for the portal (seeded, or by the support desk). */
export async function addFaqEntry(
  db: Db,
  actor: string,
  entry: { serviceSlug: string | null; question: LocalisedText; answer: LocalisedText; position?: number },
): Promise<void> {
  await audited(
    db,
    (id: string) => ({ actor, action: 'support.faqAdd', subjectType: 'faq', subjectId: id }),
    async (tx) => {
      const added = await tablesOf<SupportTables>(tx)
        .insertInto('support_faq')
        .values({
          service_slug: entry.serviceSlug,
          question: JSON.stringify(entry.question) as never,
          answer: JSON.stringify(entry.answer) as never,
          position: entry.position ?? 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return added.id;
    },
  );
}

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The questions of a service (or all), whose question or answer holds every word searched, in the
 * reader's language (French where it is missing).
 */
export async function searchFaq(
  db: Db,
  query: { words: string; serviceSlug?: string; locale: Locale },
): Promise<FaqEntry[]> {
  const text = sql`coalesce(question->>${query.locale}, question->>'fr') || ' ' || coalesce(answer->>${query.locale}, answer->>'fr')`;
  let select = tablesOf<SupportTables>(db)
    .selectFrom('support_faq')
    .select(['id', 'service_slug as serviceSlug', 'question', 'answer']);
  if (query.serviceSlug) select = select.where('service_slug', '=', query.serviceSlug);
  for (const word of query.words.trim().split(/\s+/).filter(Boolean).slice(0, 8))
    select = select.where(sql<boolean>`${text} ilike ${`%${escapeLike(word)}%`}`);
  return select.orderBy('service_slug').orderBy('position').limit(50).execute();
}
