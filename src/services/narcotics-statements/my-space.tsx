import { sql } from 'kysely';
import { accountOrganisationOf } from '../../modules/accounts/index.ts';
import { getAuthorityById } from '../../modules/authorities/index.ts';
import { publishedServiceAuthorityOf } from '../../modules/catalogue/index.ts';
import { organisationUidOf } from '../../modules/identity/index.ts';
import { can } from '../../modules/policy/index.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { dashboardPath } from './back-office-routes.tsx';
import type { FiledStatement } from './controls.ts';
import { dashboardFrom, dashboardSql, monthsShown } from './dashboard.ts';
import { narcoticsMessages } from './messages.ts';
import { pharmacyOf } from './pharmacies.ts';
import { narcoticsAuthority, serviceSlug } from './service-authority.ts';
import { type ControlSettings, defaultSettings } from './settings.ts';
import { statementsOfPharmacy } from './statements.ts';
import { monthName } from './views/labels.ts';

/** What the page read for this section with its others (`summary`). */
interface Read {
  authorityId: string | null;
  /** The dashboard's settings and filed statements: for staff of the receiving authority only. */
  controls: { settings: ControlSettings | null; filed: FiledStatement[] } | null;
  /** The pharmacy the account in use is (its UID), and its statements not yet filed. */
  pharmacyUid: string | null;
  open: { month: string; status: string }[] | null;
}

/** In a pharmacy's space (its people, its mandated pharmacists): where its monthly statements are. */
export function narcoticsMySpace(platform: Platform): MySpaceSection {
  const { db } = platform;

  /** For the receiving authority's staff: the controls of the last month due, with their alerts. */
  async function controlsFor(
    actor: PersonActor,
    authorityId: string,
    locale: Locale,
    read: Read['controls'],
  ) {
    const holds = actor.staffRoles.some((r) => r.authorityId === authorityId);
    const resource = { type: 'authority' as const, authorityId };
    if (!holds || !read || !(await can(db, actor, 'authority.processRequests', resource)).allowed)
      return null;
    const authority = await getAuthorityById(db, authorityId);
    if (!authority) return null;
    const t = narcoticsMessages.translator(locale);
    const settings = read.settings ?? defaultSettings;
    const today = platform.now().toISOString().slice(0, 10);
    const dashboard = dashboardFrom(settings, today, monthsShown(settings, today), read.filed);
    return (
      <section class="my-space__section" aria-labelledby="my-narcotics-controls">
        <h2 id="my-narcotics-controls">
          {t('dashboardTitle', { authority: pick(authority.names, locale, authority.languages) })}
        </h2>
        <p>{t('filedCount', { count: dashboard.filedCount, month: monthName(locale, dashboard.month) })}</p>
        <ul>
          <li>{t('alertCount', { label: t('missingTitle'), count: dashboard.missing.length })}</li>
          <li>{t('alertCount', { label: t('sharedTitle'), count: dashboard.shared.length })}</li>
          <li>
            {t('alertCount', {
              label: t('jumpsTitle', { percent: dashboard.settings.doseJumpPercent }),
              count: dashboard.jumps.length,
            })}
          </li>
        </ul>
        <p>
          <a href={dashboardPath(authority.slug)}>{t('dashboardOpen')}</a>
        </p>
      </section>
    );
  }

  // Only a pharmacy (a professional account) or staff have anything here: a citizen's page asks nothing.
  const concerns = (actor: PersonActor) =>
    actor.account.kind === 'professional' || actor.staffRoles.length > 0;

  return {
    order: 27,
    summary(actor) {
      if (!concerns(actor)) return null;
      // Read wherever the person holds a role there, and for any professional account: who sees what
      // is still decided in `render`, by the policy, as before.
      const staffOf = [...new Set(actor.staffRoles.map((r) => r.authorityId))];
      const uid = organisationUidOf(accountOrganisationOf(sql`${actor.account.id}::uuid`));
      const today = platform.now().toISOString().slice(0, 10);
      return sql`select json_build_object('authorityId', a.id,
        'controls', ${staffOf.length > 0 ? sql`case when a.id = any(${staffOf}::uuid[]) then ${dashboardSql(sql.ref('a.id'), today)} end` : sql`null`},
        'pharmacyUid', p.uid,
        'open', (select coalesce(json_agg(json_build_object('month', s.month, 'status', s.status)
            order by s.month desc), '[]') from narcotics_statements s
          where s.authority_id = a.id and s.pharmacy_uid = p.uid and s.status <> 'filed'))
        from (select ${publishedServiceAuthorityOf(serviceSlug)} as id) a,
          (select ${actor.account.kind === 'professional' ? uid : sql`null::text`} as uid) p`;
    },
    async render(c, actor, summary) {
      const read = summary as Read | undefined;
      if (!concerns(actor) || !read?.authorityId) return null;
      const t = narcoticsMessages.translator(c.var.locale);
      const staffControls = await controlsFor(actor, read.authorityId, c.var.locale, read.controls);
      const resource = { type: 'account' as const, accountId: actor.account.id, theme: 'narcotics' as const };
      if (!(await can(db, actor, 'account.consult', resource)).allowed || !read.pharmacyUid)
        return staffControls;
      const open = read.open ?? [];
      return (
        <>
          {staffControls}
          <section class="my-space__section" aria-labelledby="my-narcotics">
            <h2 id="my-narcotics">{t('title')}</h2>
            {open.map((s) => (
              <p>
                <a href={`/narcotics/${s.month}`}>{t('open', { month: monthName(c.var.locale, s.month) })}</a>
              </p>
            ))}
            <p>
              <a href="/narcotics">{t('months')}</a>
            </p>
          </section>
        </>
      );
    },
    // A pharmacy's statements waiting for sign-off, counted with the page's other sections; an
    // account that is no pharmacy has no UID, hence none.
    awaitingSummary: (_personId, accountId) => sql`(select count(*)::int from narcotics_statements s
      where s.authority_id = ${publishedServiceAuthorityOf(serviceSlug)}
        and s.pharmacy_uid = ${organisationUidOf(accountOrganisationOf(accountId))}
        and s.status = 'awaitingSignOff')`,
    async awaiting(actor, summary) {
      const accountId = actor.account.id;
      const resource = { type: 'account' as const, accountId, theme: 'narcotics' as const };
      // A representative counts them only where their mandate lets them consult the pharmacy's statements.
      if (actor.mandate && !(await can(db, actor, 'account.consult', resource)).allowed) return 0;
      if (summary !== undefined) return Number(summary);
      const pharmacy = await pharmacyOf(db, accountId);
      const authorityId = await narcoticsAuthority(db);
      if (!pharmacy || !authorityId) return 0;
      return (await statementsOfPharmacy(db, authorityId, pharmacy.uid)).filter(
        (s) => s.status === 'awaitingSignOff',
      ).length;
    },
  };
}
