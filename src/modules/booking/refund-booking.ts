import type { Db } from '../../platform/database/database.ts';
import { paymentsFrom, refundables, requestRefund } from '../payments/index.ts';
import type { Booking } from './bookings.ts';

/**
 * Gives back part or all of what was paid for a booking, through the payments module's refunds (recorded
 * first, asked of the provider by a job). Nothing is done when nothing was paid.
 */
export async function refundBooking(
  db: Db,
  booking: Pick<Booking, 'id' | 'authority_id'>,
  amountCents: number,
  actor: string,
  reason: string,
): Promise<number> {
  if (amountCents <= 0) return 0;
  const paid = (await paymentsFrom(db, booking.authority_id, `booking:${booking.id}`)).find(
    (p) => p.status === 'paid',
  );
  if (!paid) return 0;
  const target = (await refundables(db, paid)).find((r) => !r.duplicate && r.settledCents > r.refundedCents);
  if (!target) return 0;
  const amount = Math.min(amountCents, target.settledCents - target.refundedCents);
  const refund = await requestRefund(db, booking.authority_id, paid.id, {
    transactionId: target.transactionId,
    amountCents: amount,
    actor,
    reason,
  });
  return refund === 'too_much' ? 0 : amount;
}
