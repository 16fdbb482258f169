import { notFound } from '../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { getAuthorityBySlug, listAuthorities } from '../authorities/index.ts';
import { listFormsOf } from '../forms/index.ts';
import { can } from '../policy/index.ts';
import { abandonmentSteps, emptyFigures, indicatorsBy, overdueNow } from './figures.ts';
import { indicatorMessages } from './messages.ts';
import { periodFrom } from './period.ts';
import { latestComments } from './satisfaction.ts';
import { CockpitPage } from './views/cockpit-page.tsx';
import { ComparePage } from './views/compare-page.tsx';

export const cockpitPath = (slug: string) => `/back-office/authorities/${slug}/indicators`;

/** The authorities' cockpit: their indicators, and the canton's comparison of its communes. */
export function cockpitRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The authority in the path, if the person may read its indicators. */
  async function viewedAuthority(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = authority && { type: 'authority' as const, authorityId: authority.id };
    if (!resource || !(await can(db, c.var.actor, 'authority.viewIndicators', resource)).allowed)
      throw notFound();
    return authority;
  }

  return [
    {
      method: 'GET',
      path: cockpitPath(':slug'),
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await viewedAuthority(c);
        const now = platform.now();
        const { period, invalid } = periodFrom({ from: c.req.query('from'), to: c.req.query('to') }, now);
        const forms = await listFormsOf(db, [authority.id]);
        const asked = c.req.query('service');
        const formId = forms.some((f) => f.id === asked) ? asked : undefined;
        const query = { authorityIds: [authority.id], period, ...(formId && { formId }) };
        const [total] = await indicatorsBy(db, { ...query, by: 'authority' }, now);
        const stops = await abandonmentSteps(db, authority.id, period, now);
        const comments = await latestComments(db, authority.id);
        const t = indicatorMessages.translator(c.var.locale);
        const name = pick(authority.names, c.var.locale, authority.languages);
        return platform.render(
          c,
          { title: t('cockpitTitle', { authority: name }), ...(invalid && { status: 400 as const }) },
          <CockpitPage
            locale={c.var.locale}
            data={{
              authorityName: name,
              period,
              formId: formId ?? null,
              services: forms.map((f) => ({ id: f.id, name: f.name })),
              total: total ?? emptyFigures(),
              overdue: await overdueNow(db, authority.id, now),
              months: await indicatorsBy(db, { ...query, by: 'month' }, now),
              byService: await indicatorsBy(db, { ...query, by: 'service' }, now),
              stops: stops.filter((s) => !formId || s.formId === formId),
              comments: comments.filter((s) => !formId || s.formId === formId),
              compareHref: authority.kind === 'canton' ? `${cockpitPath(authority.slug)}/communes` : null,
              invalidPeriod: invalid,
            }}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: `${cockpitPath(':slug')}/communes`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const canton = await viewedAuthority(c);
        if (canton.kind !== 'canton') throw notFound();
        const now = platform.now();
        const { period, invalid } = periodFrom({ from: c.req.query('from'), to: c.req.query('to') }, now);
        const communes = await listAuthorities(db, 'commune');
        const figures = await indicatorsBy(
          db,
          { authorityIds: communes.map((a) => a.id), period, by: 'authority' },
          now,
        );
        const t = indicatorMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('compareTitle'), ...(invalid && { status: 400 as const }) },
          <ComparePage
            locale={c.var.locale}
            period={period}
            communes={communes.map((commune) => ({
              name: pick(commune.names, c.var.locale, commune.languages),
              figures: figures.find((f) => f.authorityId === commune.id) ?? emptyFigures(),
            }))}
          />,
        );
      },
    },
  ];
}
