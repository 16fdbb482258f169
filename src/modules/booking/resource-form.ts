import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import type { BookingT } from './messages.ts';
import type { ResourceInput } from './resources.ts';
import type { Resource } from './rules.ts';
import { type OpeningHours, type ResourceKind, resourceKinds } from './tables.ts';
import { zurichInstant } from './zurich-time.ts';

export const resourceFields = [
  'kind',
  'nameFr',
  'nameDe',
  'nameEn',
  'capacity',
  'openingHours',
  'slotMinutes',
  'priceResident',
  'priceOther',
  'residentPostcodes',
  'minNoticeHours',
  'maxDurationMinutes',
  'freeCancellationHours',
  'needsApproval',
] as const;
export type ResourceValues = Record<(typeof resourceFields)[number], string>;

/** Opening hours as staff type them, one interval a line: `1 08:00 22:00` (Monday, 8 to 22). */
export function parseOpeningHours(text: string): OpeningHours[] | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const hours: OpeningHours[] = [];
  for (const line of lines) {
    const match = /^([1-7])\s+([0-2]\d:[0-5]\d)\s+([0-2]\d:[0-5]\d)$/.exec(line);
    if (!match || (match[2] ?? '') >= (match[3] ?? '') || (match[3] ?? '') > '24:00') return undefined;
    hours.push({ weekday: Number(match[1]), from: match[2] ?? '', to: match[3] ?? '' });
  }
  return hours.length > 0 ? hours : undefined;
}

/** A resource from the back office's form, or the fields that are wrong. */
export function readResourceForm(
  posted: Record<string, unknown>,
  t: BookingT,
): { input?: ResourceInput; values: ResourceValues; errors: FieldError[] } {
  const values = Object.fromEntries(
    resourceFields.map((f) => [f, typeof posted[f] === 'string' ? (posted[f] as string).trim() : '']),
  ) as ResourceValues;
  const errors: FieldError[] = [];
  const whole = (field: keyof ResourceValues, min: number) => {
    const n = Number(values[field]);
    if (values[field] === '' || !Number.isInteger(n) || n < min)
      errors.push({ field, message: t('invalidValue') });
    return n;
  };
  const cents = (field: keyof ResourceValues) => {
    const n = Number(values[field].replace(',', '.'));
    if (values[field] === '' || !Number.isFinite(n) || n < 0)
      errors.push({ field, message: t('invalidValue') });
    return Math.round(n * 100);
  };
  if (!resourceKinds.includes(values.kind as ResourceKind))
    errors.push({ field: 'kind', message: t('invalidValue') });
  if (!values.nameFr) errors.push({ field: 'nameFr', message: t('required') });
  const capacity = whole('capacity', 1);
  const openingHours = parseOpeningHours(values.openingHours);
  if (!openingHours) errors.push({ field: 'openingHours', message: t('invalidValue') });
  const input = {
    kind: values.kind as ResourceKind,
    name: {
      fr: values.nameFr,
      ...(values.nameDe && { de: values.nameDe }),
      ...(values.nameEn && { en: values.nameEn }),
    },
    capacity,
    openingHours: openingHours ?? [],
    slotMinutes: whole('slotMinutes', 15),
    priceResidentCents: cents('priceResident'),
    priceOtherCents: cents('priceOther'),
    residentPostcodes: values.residentPostcodes.split(/[\s,;]+/).filter((p) => /^\d{4,5}$/.test(p)),
    minNoticeHours: whole('minNoticeHours', 0),
    maxDurationMinutes: whole('maxDurationMinutes', 15),
    freeCancellationHours: whole('freeCancellationHours', 0),
    needsApproval: values.needsApproval === 'yes',
  };
  return errors.length > 0 ? { values, errors } : { input, values, errors };
}

/** A time staff typed, `2026-12-14 18:00` in the canton's time. */
export function parseLocalDateTime(text: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T]([0-2]\d:[0-5]\d)$/.exec(text.trim());
  return match ? zurichInstant(match[1] ?? '', match[2] ?? '') : undefined;
}

/** The form's fields filled with what a resource holds now, for staff to change. */
export function resourceValuesOf(resource: Resource): ResourceValues {
  const francs = (cents: number) => (cents / 100).toFixed(2);
  return {
    kind: resource.kind,
    nameFr: resource.name.fr ?? '',
    nameDe: resource.name.de ?? '',
    nameEn: resource.name.en ?? '',
    capacity: String(resource.capacity),
    openingHours: resource.opening_hours.map((h) => `${h.weekday} ${h.from} ${h.to}`).join('\n'),
    slotMinutes: String(resource.slot_minutes),
    priceResident: francs(resource.price_resident_cents),
    priceOther: francs(resource.price_other_cents),
    residentPostcodes: resource.resident_postcodes.join(' '),
    minNoticeHours: String(resource.min_notice_hours),
    maxDurationMinutes: String(resource.max_duration_minutes),
    freeCancellationHours: String(resource.free_cancellation_hours),
    needsApproval: resource.needs_approval ? 'yes' : '',
  };
}
