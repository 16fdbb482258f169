import { describe, expect, it } from 'vitest';
import {
  availability,
  checkBooking,
  isResident,
  priceOf,
  type Resource,
  refundOnCancel,
  slotsOfDay,
} from './rules.ts';
import { localParts, zurichInstant } from './zurich-time.ts';

const hall: Resource = {
  id: 'r1',
  authority_id: 'a1',
  kind: 'hall',
  name: { fr: 'Salle' },
  description: null,
  capacity: 80,
  // Monday to Friday 08:00–22:00, Saturday 09:00–12:00.
  opening_hours: [
    ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '08:00', to: '22:00' })),
    { weekday: 6, from: '09:00', to: '12:00' },
  ],
  slot_minutes: 60,
  price_resident_cents: 2000,
  price_other_cents: 3500,
  resident_postcodes: ['1950', '1951'],
  min_notice_hours: 48,
  max_duration_minutes: 240,
  free_cancellation_hours: 72,
  needs_approval: false,
  hold_minutes: 20,
  published: true,
  created_at: new Date(),
};
// Thursday 3 December 2026 (winter time, UTC+1), asked on Monday 30 November at noon.
const now = zurichInstant('2026-11-30', '12:00');
const at = (day: string, from: string, to: string, attendees = 10) => ({
  start: zurichInstant(day, from),
  end: zurichInstant(day, to),
  attendees,
});

describe('the canton’s wall-clock time', () => {
  it('is UTC+1 in winter and UTC+2 in summer, across the change of time', () => {
    expect(zurichInstant('2026-12-03', '10:00').toISOString()).toBe('2026-12-03T09:00:00.000Z');
    expect(zurichInstant('2026-07-01', '10:00').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(zurichInstant('2026-03-29', '04:00').toISOString()).toBe('2026-03-29T02:00:00.000Z');
    expect(localParts(new Date('2026-12-03T09:00:00Z'))).toEqual({
      day: '2026-12-03',
      weekday: 4,
      minutes: 600,
    });
  });
});

describe('the rules of a booking', () => {
  it('accepts whole slots within the opening hours, with the notice, for no more than it holds', () => {
    expect(checkBooking(hall, [], at('2026-12-03', '18:00', '21:00'), now)).toBeUndefined();
  });

  it('refuses what breaks a rule, saying which', () => {
    expect(checkBooking(hall, [], at('2026-12-03', '18:00', '18:00'), now)).toBe('invalidSpan');
    expect(checkBooking(hall, [], at('2026-11-30', '08:00', '09:00'), now)).toBe('past');
    // 48 hours' notice: Wednesday 2 December 10:00 is only 46 hours away.
    expect(checkBooking(hall, [], at('2026-12-02', '10:00', '11:00'), now)).toBe('tooSoon');
    expect(checkBooking(hall, [], at('2026-12-02', '13:00', '14:00'), now)).toBeUndefined();
    expect(checkBooking(hall, [], at('2026-12-03', '08:00', '13:00'), now)).toBe('tooLong');
    expect(checkBooking(hall, [], at('2026-12-03', '18:30', '19:00'), now)).toBe('notOnSlots');
    expect(checkBooking(hall, [], at('2026-12-03', '21:00', '23:00'), now)).toBe('outsideHours');
    expect(checkBooking(hall, [], at('2026-12-06', '10:00', '11:00'), now)).toBe('outsideHours'); // a Sunday
    expect(checkBooking(hall, [], at('2026-12-03', '18:00', '19:00', 81), now)).toBe('tooMany');
    const closure = {
      start: zurichInstant('2026-12-03', '00:00'),
      end: zurichInstant('2026-12-04', '00:00'),
    };
    expect(checkBooking(hall, [closure], at('2026-12-03', '18:00', '19:00'), now)).toBe('closed');
  });

  it('lists the day’s slots, saying which are free, taken, closed or too soon', () => {
    expect(slotsOfDay(hall, '2026-12-05').map((s) => localParts(s.start).minutes / 60)).toEqual([9, 10, 11]);
    const taken = [
      { start: zurichInstant('2026-12-05', '10:00'), end: zurichInstant('2026-12-05', '11:00') },
    ];
    const closed = [
      { start: zurichInstant('2026-12-05', '11:30'), end: zurichInstant('2026-12-05', '13:00') },
    ];
    expect(availability(hall, '2026-12-05', closed, taken, now).map((s) => s.state)).toEqual([
      'free',
      'taken',
      'closed',
    ]);
    expect(availability(hall, '2026-12-01', [], [], now).every((s) => s.state === 'unavailable')).toBe(true);
  });
});

describe('prices and refunds', () => {
  it('charges each slot at the resident’s price for the commune’s postcodes, else the other price', () => {
    const span = at('2026-12-03', '18:00', '21:00');
    expect(isResident(hall, ' 1950')).toBe(true);
    expect(isResident(hall, '1003')).toBe(false);
    expect(priceOf(hall, span, true)).toBe(6000);
    expect(priceOf(hall, span, false)).toBe(10_500);
  });

  it('gives everything back until the free-cancellation delay, nothing after', () => {
    const start = zurichInstant('2026-12-10', '18:00');
    expect(refundOnCancel(hall, start, 6000, zurichInstant('2026-12-07', '18:00'))).toBe(6000);
    expect(refundOnCancel(hall, start, 6000, zurichInstant('2026-12-07', '18:01'))).toBe(0);
  });
});
