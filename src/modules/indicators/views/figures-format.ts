import { formatNumber } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { indicatorMessages } from '../messages.ts';

/** A processing time in days, one decimal, or a dash when nothing was decided. */
export function formatDays(locale: Locale, seconds: number | null): string {
  if (seconds === null) return '—';
  const days = new Intl.NumberFormat(`${locale}-CH`, { maximumFractionDigits: 1 }).format(seconds / 86400);
  return indicatorMessages.translator(locale)('days', { days });
}

export function formatMean(locale: Locale, value: number | null): string {
  return value === null
    ? '—'
    : new Intl.NumberFormat(`${locale}-CH`, { maximumFractionDigits: 1 }).format(value);
}

export function formatRate(locale: Locale, part: number, whole: number): string {
  if (whole === 0) return '—';
  return new Intl.NumberFormat(`${locale}-CH`, { style: 'percent', maximumFractionDigits: 0 }).format(
    part / whole,
  );
}

export const count = (locale: Locale, value: number) => formatNumber(locale, value);
