import { can } from '../../modules/policy/index.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { taxFileMessages } from './messages.ts';

/** The way to the tax file and the tax situation, for whoever may see the account's taxes. */
export function taxMySpace(platform: Platform): MySpaceSection {
  return {
    order: 40,
    async render(c, actor) {
      const resource = { type: 'account' as const, accountId: actor.account.id, theme: 'tax' as const };
      if (!(await can(platform.db, actor, 'account.consult', resource)).allowed) return null;
      const t = taxFileMessages.translator(c.var.locale);
      return (
        <section class="my-space__section" aria-labelledby="my-taxes">
          <h2 id="my-taxes">{t('mySpaceTitle')}</h2>
          <ul>
            <li>
              <a href="/tax/documents">{t('mySpaceFile')}</a>
            </li>
            <li>
              <a href="/tax/situation">{t('mySpaceSituation')}</a>
            </li>
          </ul>
        </section>
      );
    },
    awaiting: async () => 0,
  };
}
