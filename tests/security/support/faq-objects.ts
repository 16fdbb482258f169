import { sql } from 'kysely';
import { addFaqEntry } from '../../../src/modules/support/faq.ts';
import type { createTestApp } from '../../support/test-app.ts';

type Db = Awaited<ReturnType<typeof createTestApp>>['database']['db'];

/**
 * Two questions of the canton's desk (public, so they carry no secret): one to read and change, and
 * one to remove, so that its removal, allowed, cannot make the other cells' question vanish first.
 */
export async function createFaqEntries(db: Db) {
  const ids: string[] = [];
  for (const question of ['Matrix question', 'Matrix question to remove']) {
    await addFaqEntry(db, 'test', {
      serviceSlug: null,
      question: { fr: question },
      answer: { fr: 'Une réponse.' },
    });
    const { rows } = await sql<{ id: string }>`
      select id from support_faq where question->>'fr' = ${question}`.execute(db);
    ids.push(rows[0]?.id ?? '');
  }
  return { faq: ids[0] ?? '', faqToRemove: ids[1] ?? '' };
}
