import { randomInt } from 'node:crypto';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import { bookingTables } from './resources.ts';
import type { Span } from './rules.ts';
import type { BookingStatus, BookingTables } from './tables.ts';

/** A booking as read: its span as two instants instead of PostgreSQL's range text. */
export interface Booking extends Span {
  id: string;
  reference: string;
  resource_id: string;
  authority_id: string;
  account_id: string | null;
  person_id: string | null;
  kind: 'booking' | 'block';
  status: BookingStatus;
  attendees: number;
  purpose: string;
  contact_name: string;
  postcode: string;
  resident: boolean;
  price_cents: number;
  payment_id: string | null;
  hold_until: Date | null;
  document_id: string | null;
  created_at: Date;
}

export const columns = [
  'id',
  'reference',
  'resource_id',
  'authority_id',
  'account_id',
  'person_id',
  'kind',
  'status',
  'attendees',
  'purpose',
  'contact_name',
  'postcode',
  'resident',
  'price_cents',
  'payment_id',
  'hold_until',
  'document_id',
  'created_at',
] as const;

export function selectBookings(db: Db): SelectQueryBuilder<BookingTables, 'bookings', Booking> {
  return bookingTables(db)
    .selectFrom('bookings')
    .select([...columns, sql<Date>`lower(during)`.as('start'), sql<Date>`upper(during)`.as('end')]) as never;
}

/** A reference people quote: R- and eight characters without look-alikes. */
export function newReference(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return `R-${Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
}

/** PostgreSQL's answer when an insert or update would make two live bookings of a resource overlap. */
export const isOverlap = (error: unknown) => (error as { code?: string } | null)?.code === '23P01';

/**
 * Waits, until `tx` ends, for the resource's turn to add a live booking. The exclusion constraint is
 * checked after the row is in, so two transactions inserting overlapping spans at once would each wait
 * for the other's row: a deadlock PostgreSQL breaks only after a second, again and again when twenty
 * people ask at once. In turn, the next finds the first's booking committed (an overlap) or rolled back
 * (the span free). `no key update`: the bookings' own references to the resource are not held up.
 */
export async function takeResourceTurn(tx: Db, resourceId: string): Promise<void> {
  await bookingTables(tx)
    .selectFrom('booking_resources')
    .select('id')
    .where('id', '=', resourceId)
    .forNoKeyUpdate()
    .execute();
}

export const bookingOfAccount = (db: Db, accountId: string, id: string) =>
  /^[0-9a-f-]{36}$/.test(id)
    ? selectBookings(db).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst()
    : Promise.resolve(undefined);

export const getBooking = (db: Db, id: string) =>
  /^[0-9a-f-]{36}$/.test(id)
    ? selectBookings(db).where('id', '=', id).executeTakeFirst()
    : Promise.resolve(undefined);

/** The account's bookings, next first. */
export const bookingsOfAccount = (db: Db, accountId: string) =>
  selectBookings(db)
    .where('account_id', '=', accountId)
    .orderBy(sql`lower(during)`, 'desc')
    .limit(100)
    .execute();

/** The live bookings and blocks of a resource over a span (what its calendar shows taken). */
export const liveBookingsOf = (db: Db, resourceId: string, span: Span) =>
  selectBookings(db)
    .where('resource_id', '=', resourceId)
    .where('status', 'in', ['held', 'requested', 'confirmed'])
    .where(sql<boolean>`during && tstzrange(${span.start}, ${span.end})`)
    .orderBy(sql`lower(during)`)
    .execute();

/** An authority's bookings waiting for a decision, oldest first. */
export const requestedBookings = (db: Db, authorityId: string) =>
  selectBookings(db)
    .where('authority_id', '=', authorityId)
    .where('status', '=', 'requested')
    .orderBy('created_at')
    .execute();
