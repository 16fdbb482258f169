import { sql } from 'kysely';
import { auditedTx } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { cancelUnpaid } from '../payments/index.ts';
import { type Booking, selectBookings } from './bookings.ts';
import { refundBooking } from './refund-booking.ts';
import { bookingTables } from './resources.ts';
import { refundOnCancel } from './rules.ts';
import type { BookingStatus } from './tables.ts';

/**
 * What cancelling gives back: a held booking was not paid; one waiting for approval is refunded in
 * full (the commune had not yet agreed); a confirmed one per the resource's free-cancellation delay.
 */
export async function refundIfCancelled(db: Db, booking: Booking, now: Date): Promise<number> {
  if (booking.status === 'requested') return booking.price_cents;
  if (booking.status !== 'confirmed') return 0;
  const resource = await bookingTables(db)
    .selectFrom('booking_resources')
    .select('free_cancellation_hours')
    .where('id', '=', booking.resource_id)
    .executeTakeFirstOrThrow();
  return refundOnCancel(resource, booking.start, booking.price_cents, now);
}

/**
 * Ends a live booking — cancelled by its person, refused by the staff, released unpaid, or a block
 * lifted — and gives back what the rules say; its unpaid fee can no longer be paid. The caller has
 * asked the policy. Returns the amount given back, or `undefined` when it was no longer live.
 */
export async function endBooking(
  db: Db,
  bookingId: string,
  end: { status: Extract<BookingStatus, 'cancelled' | 'refused' | 'expired'>; actor: string; reason: string },
  now: Date,
): Promise<number | undefined> {
  const ended = await db.transaction().execute(async (tx) => {
    const booking = await selectBookings(tx).where('id', '=', bookingId).forUpdate().executeTakeFirst();
    if (!booking || !['held', 'requested', 'confirmed'].includes(booking.status)) return undefined;
    if (
      end.status === 'expired' &&
      !(booking.status === 'held' && booking.hold_until && booking.hold_until <= now)
    )
      return undefined;
    const refund = end.status === 'refused' ? booking.price_cents : await refundIfCancelled(tx, booking, now);
    await auditedTx(
      tx,
      {
        actor: end.actor,
        action: `booking.${end.status}`,
        subjectType: 'booking',
        subjectId: booking.id,
        authorityId: booking.authority_id,
        details: { refundCents: refund },
      },
      async (tx) => {
        await bookingTables(tx)
          .updateTable('bookings')
          .set({ status: end.status, hold_until: null, updated_at: sql`now()` })
          .where('id', '=', booking.id)
          .execute();
        await cancelUnpaid(tx, `booking:${booking.id}`);
      },
    );
    return { booking, refund };
  });
  if (!ended) return undefined;
  return refundBooking(db, ended.booking, ended.refund, end.actor, end.reason);
}
