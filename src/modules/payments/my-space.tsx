import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { can } from '../policy/index.ts';
import { paymentMessages } from './messages.ts';
import { unpaidOf } from './payments.ts';

/** What the account in use still has to pay. */
export function paymentsMySpace(platform: Platform): MySpaceSection {
  return {
    order: 25,
    async render(c, actor) {
      const t = paymentMessages.translator(c.var.locale);
      const resource = { type: 'account' as const, accountId: actor.account.id };
      if (!(await can(platform.db, actor, 'account.consult', resource)).allowed) return null;
      const unpaid = await unpaidOf(platform.db, actor.account.id);
      if (unpaid.length === 0) return null;
      return (
        <section class="my-space__section" aria-labelledby="my-payments">
          <h2 id="my-payments">{t('paymentsTitle')}</h2>
          <p>{t('toPay', { count: unpaid.length })}</p>
          <p>
            <a href="/payments">{t('allPayments')}</a>
          </p>
        </section>
      );
    },
    awaiting: async (_personId, accountId) => (await unpaidOf(platform.db, accountId)).length,
  };
}
