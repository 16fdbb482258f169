import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { notify } from '../notifications/index.ts';
import { selectBookings } from './bookings.ts';
import { endBooking } from './cancel-booking.ts';
import { bookingPath } from './hold-slot.ts';
import { bookingTables } from './resources.ts';

/** Gives back the slots of holds whose payment did not come in time; returns how many. */
export async function releaseHolds(db: Db, now: Date): Promise<number> {
  const due = await bookingTables(db)
    .selectFrom('bookings')
    .select('id')
    .where('status', '=', 'held')
    .where('hold_until', '<=', now)
    .execute();
  let released = 0;
  for (const { id } of due) {
    const ended = await endBooking(
      db,
      id,
      { status: 'expired', actor: 'system', reason: 'not paid in time' },
      now,
    );
    if (ended !== undefined) released += 1;
  }
  return released;
}

/** Tells the account's people, the day before, of each confirmed booking (once). */
export async function sendReminders(db: Db, now: Date): Promise<number> {
  const soon = await selectBookings(db)
    .where('status', '=', 'confirmed')
    .where('kind', '=', 'booking')
    .where('reminded_at', 'is', null)
    .where(sql<boolean>`lower(during) between ${now} and ${new Date(now.getTime() + 86_400_000)}`)
    .execute();
  for (const booking of soon) {
    if (!booking.account_id) continue;
    const accountId = booking.account_id;
    await audited(
      db,
      {
        actor: 'system',
        action: 'booking.reminded',
        subjectType: 'booking',
        subjectId: booking.id,
        authorityId: booking.authority_id,
      },
      async (tx) => {
        await notify(tx, {
          event: 'requestStatus',
          accountId,
          authorityId: booking.authority_id,
          link: bookingPath(booking.id),
          source: `booking-reminder:${booking.id}`,
          reference: booking.reference,
        });
        await bookingTables(tx)
          .updateTable('bookings')
          .set({ reminded_at: now })
          .where('id', '=', booking.id)
          .execute();
      },
    );
  }
  return soon.length;
}
