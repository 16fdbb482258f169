import type { Selectable } from 'kysely';
import type { BookingTables } from './tables.ts';
import { localParts, minutesOf, zurichInstant } from './zurich-time.ts';

export type Resource = Selectable<BookingTables['booking_resources']>;
export interface Span {
  start: Date;
  end: Date;
}

/** Why a slot cannot be booked, each worded in `messages.ts`. */
export type BookingProblem =
  | 'invalidSpan'
  | 'past'
  | 'tooSoon'
  | 'tooLong'
  | 'notOnSlots'
  | 'outsideHours'
  | 'closed'
  | 'tooMany';

const hour = 3_600_000;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * Whether a person may ask for this span of the resource, by its rules: in the future, with the
 * minimum notice, no longer than the longest booking, in whole slots, within one opening interval of
 * the day and outside every closure, for no more people than it holds. Whether someone else has it
 * already is the database's to say (the exclusion constraint), not a read here.
 */
export function checkBooking(
  resource: Resource,
  closures: Span[],
  request: Span & { attendees: number },
  now: Date,
): BookingProblem | undefined {
  const minutes = (request.end.getTime() - request.start.getTime()) / 60_000;
  if (!(minutes > 0)) return 'invalidSpan';
  if (request.start <= now) return 'past';
  if (request.start.getTime() < now.getTime() + resource.min_notice_hours * hour) return 'tooSoon';
  if (minutes > resource.max_duration_minutes) return 'tooLong';
  if (minutes % resource.slot_minutes !== 0) return 'notOnSlots';
  if (!withinOpeningHours(resource, request)) return 'outsideHours';
  if (closures.some((closure) => overlaps(closure, request))) return 'closed';
  if (request.attendees > resource.capacity || request.attendees < 1) return 'tooMany';
  return undefined;
}

/** Within one opening interval of the day it starts on (a booking does not run over a closing time). */
export function withinOpeningHours(resource: Resource, span: Span): boolean {
  const start = localParts(span.start);
  return resource.opening_hours.some((open) => {
    if (open.weekday !== start.weekday) return false;
    const from = zurichInstant(start.day, open.from);
    const to = zurichInstant(start.day, open.to);
    return from <= span.start && span.end <= to;
  });
}

/** The slots of the resource's opening hours on a day of the canton, in order. */
export function slotsOfDay(resource: Resource, day: string): Span[] {
  const weekday = localParts(zurichInstant(day, '12:00')).weekday;
  const slots: Span[] = [];
  for (const open of resource.opening_hours.filter((o) => o.weekday === weekday)) {
    for (
      let m = minutesOf(open.from);
      m + resource.slot_minutes <= minutesOf(open.to);
      m += resource.slot_minutes
    )
      slots.push({ start: zurichInstant(day, m), end: zurichInstant(day, m + resource.slot_minutes) });
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

export type SlotState = 'free' | 'taken' | 'closed' | 'unavailable';

/** Each slot of the day and whether it can be asked for: taken, closed, or too soon are said apart. */
export function availability(
  resource: Resource,
  day: string,
  closures: Span[],
  taken: Span[],
  now: Date,
): (Span & { state: SlotState })[] {
  return slotsOfDay(resource, day).map((slot) => {
    if (closures.some((c) => overlaps(c, slot))) return { ...slot, state: 'closed' };
    if (taken.some((t) => overlaps(t, slot))) return { ...slot, state: 'taken' };
    const problem = checkBooking(resource, [], { ...slot, attendees: 1 }, now);
    return { ...slot, state: problem ? 'unavailable' : 'free' };
  });
}

/** Whether a postcode is one of the resource's residents' (they pay the resident's price). */
export const isResident = (resource: Pick<Resource, 'resident_postcodes'>, postcode: string) =>
  resource.resident_postcodes.includes(postcode.trim());

/** The price of a span: its number of slots at the resident's or the other price. */
export function priceOf(
  resource: Pick<Resource, 'slot_minutes' | 'price_resident_cents' | 'price_other_cents'>,
  span: Span,
  resident: boolean,
): number {
  const slots = Math.ceil((span.end.getTime() - span.start.getTime()) / 60_000 / resource.slot_minutes);
  return slots * (resident ? resource.price_resident_cents : resource.price_other_cents);
}

/** What a cancellation gives back: everything paid until the free-cancellation delay, nothing after. */
export function refundOnCancel(
  resource: Pick<Resource, 'free_cancellation_hours'>,
  start: Date,
  paidCents: number,
  now: Date,
): number {
  return now.getTime() <= start.getTime() - resource.free_cancellation_hours * hour ? paidCents : 0;
}
