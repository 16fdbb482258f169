import { type Db, tablesOf } from '../../platform/database/database.ts';
import { linkOf } from './record.ts';
import type { IndicatorsTables } from './tables.ts';

export const maxCommentLength = 1000;

/** Where the person who sent a submission says how it went. */
export const surveyPath = (submissionId: string) => `/satisfaction/${submissionId}`;

/** Whether the submission's survey was answered (one answer each; who answered is not kept). */
export async function surveyAnswered(db: Db, submissionId: string): Promise<boolean> {
  const row = await tablesOf<IndicatorsTables>(db)
    .selectFrom('satisfaction_answers')
    .select('id')
    .where('link', '=', linkOf(submissionId))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Keeps a rating (1–5) and an optional comment about a procedure, tied to its service and month only;
 * a second answer for the same submission is ignored.
 */
export async function answerSurvey(
  db: Db,
  answer: { submissionId: string; authorityId: string; formId: string; rating: number; comment: string },
): Promise<'saved' | 'already'> {
  const saved = await tablesOf<IndicatorsTables>(db)
    .insertInto('satisfaction_answers')
    .values({
      link: linkOf(answer.submissionId),
      authority_id: answer.authorityId,
      form_id: answer.formId,
      rating: answer.rating,
      comment: answer.comment.trim().slice(0, maxCommentLength) || null,
    })
    .onConflict((oc) => oc.column('link').doNothing())
    .returning('id')
    .executeTakeFirst();
  return saved ? 'saved' : 'already';
}

/** The latest comments about an authority's services, for its cockpit (no one's name is kept). */
export async function latestComments(db: Db, authorityId: string, limit = 20) {
  return tablesOf<IndicatorsTables>(db)
    .selectFrom('satisfaction_answers')
    .select(['form_id as formId', 'rating', 'comment', 'answered_at as answeredAt'])
    .where('authority_id', '=', authorityId)
    .where('comment', 'is not', null)
    .orderBy('answered_at', 'desc')
    .limit(limit)
    .execute();
}
