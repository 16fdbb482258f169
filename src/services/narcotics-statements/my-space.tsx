import { sql } from 'kysely';
import { accountKindOf } from '../../modules/accounts/index.ts';
import { getAuthorityById } from '../../modules/authorities/index.ts';
import { can } from '../../modules/policy/index.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { dashboardPath } from './back-office-routes.tsx';
import { dashboardOf } from './dashboard.ts';
import { narcoticsMessages } from './messages.ts';
import { pharmacyOf } from './pharmacies.ts';
import { narcoticsAuthority } from './service-authority.ts';
import { statementsOfPharmacy } from './statements.ts';
import { monthName } from './views/labels.ts';

/** In a pharmacy's space (its people, its mandated pharmacists): where its monthly statements are. */
export function narcoticsMySpace(platform: Platform): MySpaceSection {
  const { db } = platform;

  /** For the receiving authority's staff: the controls of the last month due, with their alerts. */
  async function controlsFor(actor: PersonActor, authorityId: string, locale: Locale) {
    const holds = actor.staffRoles.some((r) => r.authorityId === authorityId);
    const resource = { type: 'authority' as const, authorityId };
    if (!holds || !(await can(db, actor, 'authority.processRequests', resource)).allowed) return null;
    const authority = await getAuthorityById(db, authorityId);
    if (!authority) return null;
    const t = narcoticsMessages.translator(locale);
    const dashboard = await dashboardOf(db, authorityId, platform.now().toISOString().slice(0, 10));
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

  return {
    order: 27,
    async render(c, actor) {
      // Only a pharmacy (a professional account) or staff have anything here: a citizen's page asks nothing.
      if (actor.account.kind !== 'professional' && actor.staffRoles.length === 0) return null;
      const authorityId = await narcoticsAuthority(db);
      if (!authorityId) return null;
      const t = narcoticsMessages.translator(c.var.locale);
      const staffControls = await controlsFor(actor, authorityId, c.var.locale);
      const resource = { type: 'account' as const, accountId: actor.account.id, theme: 'narcotics' as const };
      const pharmacy = (await can(db, actor, 'account.consult', resource)).allowed
        ? await pharmacyOf(db, actor.account.id)
        : undefined;
      if (!pharmacy) return staffControls;
      const open = (await statementsOfPharmacy(db, authorityId, pharmacy.uid)).filter(
        (s) => s.status !== 'filed',
      );
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
    // Only a pharmacy (a professional account) may have a statement waiting: the others ask nothing more.
    awaitingSummary: (_personId, accountId) => sql`${accountKindOf(accountId)} = 'professional'`,
    async awaiting(_personId, accountId, summary) {
      if (summary === false) return 0;
      const pharmacy = await pharmacyOf(db, accountId);
      const authorityId = await narcoticsAuthority(db);
      if (!pharmacy || !authorityId) return 0;
      return (await statementsOfPharmacy(db, authorityId, pharmacy.uid)).filter(
        (s) => s.status === 'awaitingSignOff',
      ).length;
    },
  };
}
