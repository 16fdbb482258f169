import { formatChf, formatDate } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import type { Span } from '../rules.ts';
import { hhmm, localParts, zurichInstant } from '../zurich-time.ts';

/** A span as people read it: `3 décembre 2026, 18:00–21:00` in the canton's time. */
export function formatSpan(locale: Locale, span: Span): string {
  const start = localParts(span.start);
  const end = localParts(span.end);
  const endText =
    end.day === start.day ? hhmm(end.minutes) : `${formatDate(locale, span.end)} ${hhmm(end.minutes)}`;
  return `${formatDate(locale, zurichInstant(start.day, '12:00'))}, ${hhmm(start.minutes)}–${endText}`;
}

export const timeOfDay = (instant: Date) => hhmm(localParts(instant).minutes);

export const chf = (locale: Locale, cents: number) => formatChf(locale, cents);
