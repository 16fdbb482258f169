/** Opening hours are the canton's wall-clock time; bookings are instants. These convert between them. */
const zone = 'Europe/Zurich';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: zone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The canton's day (`YYYY-MM-DD`), weekday (Monday 1) and minutes since midnight at an instant. */
export function localParts(instant: Date): { day: string; weekday: number; minutes: number } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    weekday: weekdays.indexOf(p.weekday ?? '') + 1,
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** The instant of a wall-clock time (`HH:MM`, or minutes since midnight) on a day in the canton. */
export function zurichInstant(day: string, time: string | number): Date {
  const minutes = typeof time === 'number' ? time : minutesOf(time);
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, 0, minutes);
  // The offset at the guess, then again at the result: right on both sides of a change of time.
  let instant = guess - offsetAt(new Date(guess));
  instant = guess - offsetAt(new Date(instant));
  return new Date(instant);
}

function offsetAt(instant: Date): number {
  const local = localParts(instant);
  const [y, m, d] = local.day.split('-').map(Number);
  const asUtc = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, 0, local.minutes);
  return asUtc - Math.floor(instant.getTime() / 60_000) * 60_000;
}

export const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The day after `day`, as `YYYY-MM-DD`. */
export function nextDay(day: string, by = 1): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + by);
  return date.toISOString().slice(0, 10);
}
