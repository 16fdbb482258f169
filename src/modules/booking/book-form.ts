import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import type { BookingT } from './messages.ts';
import type { BookingProblem, Resource, Span } from './rules.ts';
import type { BookValues } from './views/citizen-pages.tsx';

/** The span a person picked on the availability page: a start instant and a length in minutes. */
export function pickedSpan(start: string | undefined, minutes: string | undefined): Span | undefined {
  const begin = new Date(start ?? '');
  const length = Number(minutes);
  if (Number.isNaN(begin.getTime()) || !Number.isInteger(length) || length <= 0 || length > 7 * 1440)
    return undefined;
  return { start: begin, end: new Date(begin.getTime() + length * 60_000) };
}

/** The booking form's answers, and what is wrong with them, in the person's language. */
export function readBookForm(posted: Record<string, unknown>, t: BookingT) {
  const text = (name: keyof BookValues) =>
    typeof posted[name] === 'string' ? (posted[name] as string).trim() : '';
  const values: BookValues = {
    purpose: text('purpose'),
    attendees: text('attendees'),
    contactName: text('contactName'),
    postcode: text('postcode'),
  };
  const errors: FieldError[] = [];
  for (const field of ['purpose', 'attendees', 'contactName', 'postcode'] as const)
    if (!values[field]) errors.push({ field, message: t('required') });
  const attendees = Number(values.attendees);
  if (values.attendees && !(Number.isInteger(attendees) && attendees > 0))
    errors.push({ field: 'attendees', message: t('notANumber') });
  if (values.postcode && !/^[0-9]{4,5}$/.test(values.postcode))
    errors.push({ field: 'postcode', message: t('invalidValue') });
  return { values, attendees, errors };
}

/** Where on the form a refusal of the rules is shown, and how it is worded. */
export function problemError(problem: BookingProblem | 'taken', resource: Resource, t: BookingT): FieldError {
  switch (problem) {
    case 'tooMany':
      return { field: 'attendees', message: t('tooMany', { count: resource.capacity }) };
    case 'tooSoon':
      return { field: 'purpose', message: t('tooSoon', { hours: resource.min_notice_hours }) };
    case 'tooLong':
      return { field: 'purpose', message: t('tooLong', { max: resource.max_duration_minutes }) };
    case 'taken':
      return { field: 'purpose', message: t('slotTaken') };
    default:
      return { field: 'purpose', message: t(problem) };
  }
}
