import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { getCanton } from '../authorities/index.ts';
import { getForm, getSubmissionOfAccount } from '../forms/index.ts';
import { can } from '../policy/index.ts';
import { dcatCatalogue, openDataPaths } from './dcat.ts';
import { indicatorMessages } from './messages.ts';
import { openDataCsv, openDataRows, publishedMonths } from './open-data.ts';
import { answerSurvey, surveyAnswered, surveyPath } from './satisfaction.ts';
import { OpenDataPage } from './views/open-data-page.tsx';
import { SurveyPage } from './views/survey-page.tsx';

const openData = { none: 'published aggregates, the same for everyone' } as const;
/** Aggregates change once a month; a day's cache spares the database from crawlers. */
const cached = { 'Cache-Control': 'public, max-age=3600', 'Access-Control-Allow-Origin': '*' };

/** The open data at its stable addresses, and the survey after a procedure. */
export function publicIndicatorRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The submission in the path, if it is the person's own (in the account in use), with its service. */
  async function ownSubmission(c: RouteContext) {
    const actor = loggedInPerson(c);
    const submission = await getSubmissionOfAccount(db, actor.account.id, c.req.param('id') ?? '');
    const resource = submission && {
      type: 'submission' as const,
      accountId: submission.accountId,
      personId: submission.personId,
    };
    if (!resource || !(await can(db, actor, 'submission.view', resource)).allowed) throw notFound();
    const form = await getForm(db, submission.formId);
    if (!form) throw notFound();
    return { submission, form };
  }

  const survey = (c: RouteContext, props: Parameters<typeof SurveyPage>[0], status?: 422) =>
    platform.render(
      c,
      { title: indicatorMessages.translator(c.var.locale)('surveyTitle'), ...(status && { status }) },
      <SurveyPage {...props} />,
    );

  return [
    {
      method: 'GET',
      path: surveyPath(':id'),
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { submission } = await ownSubmission(c);
        const state = (await surveyAnswered(db, submission.id)) ? 'already' : 'ask';
        return survey(c, { locale: c.var.locale, state });
      },
    },
    {
      method: 'POST',
      path: surveyPath(':id'),
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { submission, form } = await ownSubmission(c);
        const posted = await c.req.parseBody();
        const comment = typeof posted.comment === 'string' ? posted.comment : '';
        const rating = Number(posted.rating);
        if (!Number.isInteger(rating) || rating < 1 || rating > 5)
          return survey(c, { locale: c.var.locale, state: 'ask', missingRating: true, comment }, 422);
        const saved = await answerSurvey(db, {
          submissionId: submission.id,
          authorityId: form.authorityId,
          formId: form.id,
          rating,
          comment,
        });
        return survey(c, { locale: c.var.locale, state: saved === 'saved' ? 'thanks' : 'already' });
      },
    },
    {
      method: 'GET',
      path: openDataPaths.page,
      access: 'anonymous',
      handler: (c) =>
        platform.render(
          c,
          { title: indicatorMessages.translator(c.var.locale)('openDataTitle') },
          <OpenDataPage locale={c.var.locale} />,
        ),
    },
    {
      method: 'GET',
      path: openDataPaths.csv,
      access: 'anonymous',
      object: openData,
      async handler(c) {
        const csv = openDataCsv(await openDataRows(db, platform.now()));
        return c.body(csv, 200, {
          ...cached,
          'Content-Type': 'text/csv; charset=utf-8; header=present',
          'Content-Disposition': 'inline; filename="indicators.csv"',
        });
      },
    },
    {
      method: 'GET',
      path: openDataPaths.json,
      access: 'anonymous',
      object: openData,
      async handler(c) {
        return c.json(await openDataRows(db, platform.now()), 200, cached);
      },
    },
    {
      method: 'GET',
      path: openDataPaths.catalogue,
      access: 'anonymous',
      object: openData,
      async handler(c) {
        const canton = await getCanton(db);
        if (!canton) throw notFound();
        const now = platform.now();
        const months = await publishedMonths(db, now);
        const issued = months ? new Date(`${months.from}-01T00:00:00Z`) : now;
        const catalogue = dcatCatalogue(platform.config.publicUrl, canton, { issued, modified: now });
        return c.body(JSON.stringify(catalogue), 200, { ...cached, 'Content-Type': 'application/ld+json' });
      },
    },
  ];
}
