import { getAuthorityBySlug } from '../../modules/authorities/index.ts';
import { can } from '../../modules/policy/index.ts';
import { csvResponse } from '../../platform/http/csv.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import type { BackOfficeTool, Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { dashboardOf } from './dashboard.ts';
import { narcoticsMessages } from './messages.ts';
import { remindersOf } from './reminders.ts';
import { narcoticsAuthority } from './service-authority.ts';
import { type ControlSettings, parseSettings, saveControlSettings } from './settings.ts';
import { DashboardPage } from './views/dashboard-page.tsx';
import { productLabel } from './views/labels.ts';

/** Where the receiving authority's staff find the controls. */
export const dashboardPath = (slug: string) => `/back-office/authorities/${slug}/narcotics`;

/** The controls' line on the back-office desk of the authority that receives the statements. */
export function controlsTool(platform: Platform): BackOfficeTool {
  return {
    async link(actor, authority, locale) {
      if (authority.id !== (await narcoticsAuthority(platform.db))) return null;
      const resource = { type: 'authority' as const, authorityId: authority.id };
      if (!(await can(platform.db, actor, 'authority.processRequests', resource)).allowed) return null;
      return {
        label: narcoticsMessages.translator(locale)('controlsTool'),
        href: dashboardPath(authority.slug),
      };
    },
  };
}

/** The cantonal pharmacist's controls: the dashboard, its settings, reminders and exports. */
export function backOfficeRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const base = '/back-office/authorities/:slug/narcotics';

  /** The authority of the page, if it receives the statements and the staff member processes its work. */
  async function authorityOf(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = { type: 'authority' as const, authorityId: authority?.id ?? '' };
    const allowed = (await can(db, c.var.actor, 'authority.processRequests', resource)).allowed;
    if (!authority || !allowed || authority.id !== (await narcoticsAuthority(db))) throw notFound();
    return authority;
  }

  const monthQuery = (c: RouteContext) => {
    const month = c.req.query('month') ?? '';
    return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : undefined;
  };
  const today = () => platform.now().toISOString().slice(0, 10);

  async function renderDashboard(
    c: RouteContext,
    extra: {
      errors?: FieldError[];
      settingsTyped?: Record<keyof ControlSettings, string>;
      notice?: string;
    } = {},
  ) {
    const authority = await authorityOf(c);
    const t = narcoticsMessages.translator(c.var.locale);
    const name = pick(authority.names, c.var.locale, authority.languages);
    const dashboard = await dashboardOf(db, authority.id, today(), monthQuery(c));
    const errors = extra.errors ?? [];
    return platform.render(
      c,
      { title: t('dashboardTitle', { authority: name }), status: errors.length > 0 ? 422 : 200 },
      <DashboardPage
        locale={c.var.locale}
        authorityName={name}
        base={dashboardPath(authority.slug)}
        dashboard={dashboard}
        reminders={await remindersOf(db, authority.id, dashboard.month)}
        errors={errors}
        settingsTyped={extra.settingsTyped}
        notice={extra.notice}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: base,
      access: 'staff',
      object: 'decided',
      handler(c) {
        const t = narcoticsMessages.translator(c.var.locale);
        const notice = c.req.query('saved')
          ? t('settingsSaved')
          : c.req.query('reminded')
            ? t('remindQueued')
            : undefined;
        return renderDashboard(c, { notice });
      },
    },
    {
      method: 'POST',
      path: `${base}/settings`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await authorityOf(c);
        const form = await c.req.parseBody();
        const { settings, problems } = parseSettings(form);
        const t = narcoticsMessages.translator(c.var.locale);
        if (problems.length > 0)
          return renderDashboard(c, {
            errors: problems.map((field) => ({
              field,
              message: t(field === 'deadlineDay' ? 'deadlineDayInvalid' : 'doseJumpPercentInvalid'),
            })),
            settingsTyped: {
              doseJumpPercent: String(form.doseJumpPercent ?? ''),
              deadlineDay: String(form.deadlineDay ?? ''),
            },
          });
        await saveControlSettings(db, loggedInPerson(c).id, authority.id, settings);
        const month = monthQuery(c);
        return c.redirect(`${dashboardPath(authority.slug)}?saved=1${month ? `&month=${month}` : ''}`, 303);
      },
    },
    {
      method: 'POST',
      path: `${base}/remind`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await authorityOf(c);
        await enqueue(db, 'narcotics:remind-missing', {}, { jobKey: 'narcotics:remind-missing' });
        return c.redirect(`${dashboardPath(authority.slug)}?reminded=1`, 303);
      },
    },
    {
      method: 'GET',
      path: `${base}/alerts.csv`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await authorityOf(c);
        const t = narcoticsMessages.translator(c.var.locale);
        const d = await dashboardOf(db, authority.id, today(), monthQuery(c));
        const rows = [
          ...d.missing.map((m) => [
            t('alertMissing'),
            m.month,
            '',
            m.pharmacyName,
            m.pharmacyUid,
            `${t('deadline')} ${m.deadline}`,
          ]),
          ...d.shared.map((s) => [
            t('alertShared'),
            s.month,
            s.patientCode,
            s.pharmacies.map((p) => p.name).join(' / '),
            s.pharmacies.map((p) => p.uid).join(' / '),
            '',
          ]),
          ...d.jumps.map((j) => [
            t('alertJump'),
            j.month,
            j.patientCode,
            j.pharmacyName,
            j.pharmacyUid,
            `${productLabel(t, j.product)}, ${t('jumpDay')} ${j.day}: ${j.from} → ${j.to} mg`,
          ]),
        ];
        return csvResponse(
          c,
          `stupefiants-alertes-${d.month}.csv`,
          [t('alertKind'), t('month'), t('patientCode'), t('pharmacy'), t('uid'), t('detail')],
          rows,
          { spreadsheet: true },
        );
      },
    },
    {
      method: 'GET',
      path: `${base}/totals.csv`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await authorityOf(c);
        const t = narcoticsMessages.translator(c.var.locale);
        const d = await dashboardOf(db, authority.id, today(), monthQuery(c));
        return csvResponse(
          c,
          `stupefiants-totaux-${d.month}.csv`,
          [t('month'), t('product'), t('totalMg'), t('patients')],
          d.totals.map((total) => [
            total.month,
            productLabel(t, total.product),
            total.totalMg,
            total.patients,
          ]),
          { spreadsheet: true },
        );
      },
    },
  ];
}
