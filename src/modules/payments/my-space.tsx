import type { Expression } from 'kysely';
import { tablesOf } from '../../platform/database/database.ts';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { can } from '../policy/index.ts';
import { paymentMessages } from './messages.ts';
import { unpaidOf, unsettled } from './payments.ts';
import type { PaymentsTables } from './tables.ts';

/** What the account in use still has to pay. */
export function paymentsMySpace(platform: Platform): MySpaceSection {
  const unpaidCount = (accountId: string | Expression<string>) =>
    tablesOf<PaymentsTables>(platform.db)
      .selectFrom('payments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .where('status', 'in', unsettled);
  return {
    order: 25,
    summary: (actor) => unpaidCount(actor.account.id),
    awaitingSummary: (_personId, accountId) => unpaidCount(accountId),
    async render(c, actor, summary) {
      const t = paymentMessages.translator(c.var.locale);
      const resource = { type: 'account' as const, accountId: actor.account.id };
      if (!(await can(platform.db, actor, 'account.consult', resource)).allowed) return null;
      const unpaid = Number(summary);
      if (unpaid === 0) return null;
      return (
        <section class="my-space__section" aria-labelledby="my-payments">
          <h2 id="my-payments">{t('paymentsTitle')}</h2>
          <p>{t('toPay', { count: unpaid })}</p>
          <p>
            <a href="/payments">{t('allPayments')}</a>
          </p>
        </section>
      );
    },
    async awaiting(actor, summary) {
      const accountId = actor.account.id;
      // As the section shows them there: a representative whose mandate does not let them consult sees none.
      if (
        actor.mandate &&
        !(await can(platform.db, actor, 'account.consult', { type: 'account', accountId })).allowed
      )
        return 0;
      return summary === undefined ? (await unpaidOf(platform.db, accountId)).length : Number(summary);
    },
  };
}
