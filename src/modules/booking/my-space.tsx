import { type Expression, sql } from 'kysely';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { bookingMessages } from './messages.ts';
import { bookingTables } from './resources.ts';

/** The account's bookings to come in "my space"; a slot held and not yet paid is what awaits. */
export function bookingMySpace(platform: Platform): MySpaceSection {
  const countOf = (accountId: string | Expression<string>, statuses: string[]) =>
    bookingTables(platform.db)
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .where('status', 'in', statuses as never)
      .where(sql<boolean>`upper(during) > now()`);
  const coming = ['held', 'requested', 'confirmed'];
  return {
    order: 45,
    summary: (actor) => countOf(actor.account.id, coming),
    awaitingSummary: (_personId, accountId) => countOf(accountId, ['held']),
    async render(c, _actor, summary) {
      const count = Number(summary);
      if (count === 0) return null;
      const t = bookingMessages.translator(c.var.locale);
      return (
        <section class="my-space__section" aria-labelledby="my-bookings">
          <h2 id="my-bookings">{t('myBookings')}</h2>
          <p>{t('comingCount', { count })}</p>
          <p>
            <a href="/bookings">{t('myBookings')}</a>
          </p>
        </section>
      );
    },
    awaiting: async (actor, summary) =>
      Number(summary ?? (await countOf(actor.account.id, ['held']).executeTakeFirstOrThrow()).n),
  };
}
