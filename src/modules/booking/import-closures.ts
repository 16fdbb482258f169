import ICAL from 'ical.js';
import type { Span } from './rules.ts';

/** Occurrences of a repeating event taken, at most, from an imported calendar: two years of weekly ones. */
const maxOccurrences = 110;
const horizonMs = 2 * 366 * 86_400_000;

/**
 * The closures an iCalendar file (a commune's holidays, a school's calendar) describes: each event, a
 * repeating one as its occurrences over the next two years, under a UID stable across imports.
 * Returns `undefined` when the text is not a calendar.
 */
export function closuresFromICalendar(
  text: string,
  now: Date,
): (Span & { reason: string; uid: string })[] | undefined {
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch {
    return undefined;
  }
  if (calendar.name !== 'vcalendar') return undefined;
  const horizon = new Date(now.getTime() + horizonMs);
  const closures: (Span & { reason: string; uid: string })[] = [];
  for (const component of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    if (!event.startDate) continue;
    const uid = event.uid || `${event.summary}-${event.startDate.toString()}`;
    const reason = event.summary ?? '';
    if (!event.isRecurring()) {
      closures.push({ start: event.startDate.toJSDate(), end: endOf(event, event.startDate), reason, uid });
      continue;
    }
    const iterator = event.iterator();
    for (let n = 0, next = iterator.next(); next && n < maxOccurrences; n += 1, next = iterator.next()) {
      const start = next.toJSDate();
      if (start > horizon) break;
      const occurrence = event.getOccurrenceDetails(next);
      closures.push({
        start,
        end: occurrence.endDate.toJSDate(),
        reason,
        uid: `${uid}/${start.toISOString()}`,
      });
    }
  }
  return closures.filter((c) => c.end > c.start);
}

function endOf(event: ICAL.Event, start: ICAL.Time): Date {
  if (event.endDate) return event.endDate.toJSDate();
  // An all-day event without an end lasts its day (RFC 5545 §3.6.1).
  const end = start.clone();
  end.adjust(1, 0, 0, 0);
  return end.toJSDate();
}
