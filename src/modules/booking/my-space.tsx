import { sql } from 'kysely';
import type { MySpaceSection, Platform } from '../../platform/module.ts';
import { bookingMessages } from './messages.ts';
import { bookingTables } from './resources.ts';

/** The account's bookings to come in "my space"; a slot held and not yet paid is what awaits. */
export function bookingMySpace(platform: Platform): MySpaceSection {
  const count = async (accountId: string, statuses: string[]) =>
    Number(
      (
        await bookingTables(platform.db)
          .selectFrom('bookings')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('account_id', '=', accountId)
          .where('status', 'in', statuses as never)
          .where(sql<boolean>`upper(during) > now()`)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    order: 45,
    async render(c, actor) {
      const coming = await count(actor.account.id, ['held', 'requested', 'confirmed']);
      if (coming === 0) return null;
      const t = bookingMessages.translator(c.var.locale);
      return (
        <section class="my-space__section" aria-labelledby="my-bookings">
          <h2 id="my-bookings">{t('myBookings')}</h2>
          <p>{t('comingCount', { count: coming })}</p>
          <p>
            <a href="/bookings">{t('myBookings')}</a>
          </p>
        </section>
      );
    },
    awaiting: (_personId, accountId) => count(accountId, ['held']),
  };
}
