import { can } from '../../modules/policy/index.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { narcoticsMessages } from './messages.ts';
import { pharmacyOf } from './pharmacies.ts';
import { narcoticsAuthority } from './service-authority.ts';
import { statementsOfPharmacy } from './statements.ts';
import { monthName } from './views/labels.ts';

/** In a pharmacy's space (its people, its mandated pharmacists): where its monthly statements are. */
export function narcoticsMySpace(platform: Platform): MySpaceSection {
  const { db } = platform;
  return {
    order: 27,
    async render(c, actor) {
      const resource = { type: 'account' as const, accountId: actor.account.id, theme: 'narcotics' as const };
      if (!(await can(db, actor, 'account.consult', resource)).allowed) return null;
      const pharmacy = await pharmacyOf(db, actor.account.id);
      const authorityId = await narcoticsAuthority(db);
      if (!pharmacy || !authorityId) return null;
      const t = narcoticsMessages.translator(c.var.locale);
      const open = (await statementsOfPharmacy(db, authorityId, pharmacy.uid)).filter(
        (s) => s.status !== 'filed',
      );
      return (
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
      );
    },
    async awaiting(_personId, accountId) {
      const pharmacy = await pharmacyOf(db, accountId);
      const authorityId = await narcoticsAuthority(db);
      if (!pharmacy || !authorityId) return 0;
      return (await statementsOfPharmacy(db, authorityId, pharmacy.uid)).filter(
        (s) => s.status === 'awaitingSignOff',
      ).length;
    },
  };
}
