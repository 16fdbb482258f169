import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { requestPayment } from '../payments/index.ts';
import { type Booking, getBooking, isOverlap, newReference, takeResourceTurn } from './bookings.ts';
import { localisedMessage } from './messages.ts';
import { bookingTables, closuresOf } from './resources.ts';
import { type BookingProblem, checkBooking, isResident, priceOf, type Resource, type Span } from './rules.ts';

export interface SlotRequest extends Span {
  personId: string;
  accountId: string;
  attendees: number;
  purpose: string;
  contactName: string;
  postcode: string;
}

/** Where the person follows a booking, and where its fee is paid from. */
export const bookingPath = (id: string) => `/bookings/${id}`;

/**
 * Holds a slot for the person while they pay: checked against the resource's rules, then inserted —
 * the exclusion constraint, not an earlier read, refuses it when someone holds or booked any part of it
 * (`taken`). With a price, the fee is asked in the same transaction and its settlement enqueues
 * `booking:paid`; without one, that job is enqueued at once.
 */
export async function holdSlot(
  db: Db,
  resource: Resource,
  request: SlotRequest,
  now: Date,
): Promise<{ booking: Booking } | { problem: BookingProblem | 'taken' }> {
  const closures = await closuresOf(db, resource.id, request);
  const problem = checkBooking(resource, closures, request, now);
  if (problem) return { problem };
  const resident = isResident(resource, request.postcode);
  const price = priceOf(resource, request, resident);
  try {
    const id = await audited(
      db,
      (id: string) => ({
        actor: `person:${request.personId}`,
        action: 'booking.held',
        subjectType: 'booking',
        subjectId: id,
        authorityId: resource.authority_id,
        details: { resourceId: resource.id, priceCents: price },
      }),
      async (tx) => {
        await takeResourceTurn(tx, resource.id);
        const reference = newReference();
        const { id } = await bookingTables(tx)
          .insertInto('bookings')
          .values({
            reference,
            resource_id: resource.id,
            authority_id: resource.authority_id,
            account_id: request.accountId,
            person_id: request.personId,
            kind: 'booking',
            status: 'held',
            during: sql<string>`tstzrange(${request.start}, ${request.end})` as never,
            attendees: request.attendees,
            purpose: request.purpose.slice(0, 500),
            contact_name: request.contactName.slice(0, 200),
            postcode: request.postcode.trim().slice(0, 10),
            resident,
            price_cents: price,
            hold_until: new Date(now.getTime() + resource.hold_minutes * 60_000),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (price === 0) {
          await enqueue(tx, 'booking:paid', { bookingId: id });
          return id;
        }
        const payment = await requestPayment(tx, {
          authorityId: resource.authority_id,
          accountId: request.accountId,
          purpose: localisedMessage('paymentPurpose'),
          reference,
          amountCents: price,
          source: `booking:${id}`,
          link: bookingPath(id),
          onSettled: { job: 'booking:paid', payload: { bookingId: id } },
        });
        await bookingTables(tx)
          .updateTable('bookings')
          .set({ payment_id: payment.id })
          .where('id', '=', id)
          .execute();
        return id;
      },
    );
    return { booking: (await getBooking(db, id)) as Booking };
  } catch (error) {
    if (isOverlap(error)) return { problem: 'taken' };
    throw error;
  }
}
