import type { Child } from 'hono/jsx';
import { formatDate } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import type { Booking } from '../bookings.ts';
import { bookingMessages } from '../messages.ts';
import type { ResourceValues } from '../resource-form.ts';
import type { Resource, Span } from '../rules.ts';
import { resourceKinds } from '../tables.ts';
import { nextDay, zurichInstant } from '../zurich-time.ts';
import { statusTone } from './citizen-pages.tsx';
import { chf, formatSpan, timeOfDay } from './format.ts';

export const staffBase = (slug: string) => `/back-office/authorities/${slug}/bookings`;

/** The authority's desk: its resources, and the requests waiting for a decision. */
export function StaffHomePage(props: {
  locale: Locale;
  slug: string;
  authorityName: string;
  resources: Resource[];
  waiting: (Booking & { resourceName: string })[];
  mayManage: boolean;
  banner?: string;
}) {
  const t = bookingMessages.translator(props.locale);
  const base = staffBase(props.slug);
  return (
    <>
      {props.banner && <NotificationBanner kind="success">{props.banner}</NotificationBanner>}
      <h1>
        {t('staffTitle')} — {props.authorityName}
      </h1>
      <h2>{t('toDecide')}</h2>
      {props.waiting.length === 0 ? (
        <p>{t('toDecideNone')}</p>
      ) : (
        <Table
          caption={t('toDecide')}
          head={[t('resource'), t('when'), t('who'), t('purpose'), t('price'), '']}
          rows={props.waiting.map((b) => [
            b.resourceName,
            formatSpan(props.locale, b),
            `${b.contact_name} (${b.postcode})`,
            b.purpose,
            chf(props.locale, b.price_cents),
            <form method="post" action={`${base}/${b.id}/decide`} class="inline-form">
              <CsrfField />
              <Button name="decision" value="confirm">
                {t('confirm')} <span class="visually-hidden">{b.reference}</span>
              </Button>
              <Button name="decision" value="refuse" variant="secondary">
                {t('refuse')} <span class="visually-hidden">{b.reference}</span>
              </Button>
            </form>,
          ])}
        />
      )}
      <h2>{t('resources')}</h2>
      <ul class="list">
        {props.resources.map((r) => (
          <li>
            <a href={`${base}/resources/${r.id}`}>{t('calendarOf', { name: pick(r.name, props.locale) })}</a>
            {props.mayManage && (
              <>
                {' · '}
                <a href={`${base}/resources/${r.id}/edit`}>
                  {t('editResource', { name: pick(r.name, props.locale) })}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
      {props.mayManage && (
        <p>
          <a href={`${base}/resources/new`}>{t('newResource')}</a>
        </p>
      )}
    </>
  );
}

/** A week of a resource: each day's bookings and blocks, then blocking a time and importing closures. */
export function CalendarPage(props: {
  locale: Locale;
  slug: string;
  resource: Resource;
  monday: string;
  bookings: Booking[];
  closures: (Span & { reason: string })[];
  errors: FieldError[];
  values: { from: string; to: string; reason: string; calendar: string };
  banner?: string;
}) {
  const { locale, resource } = props;
  const t = bookingMessages.translator(locale);
  const path = `${staffBase(props.slug)}/resources/${resource.id}`;
  const days = Array.from({ length: 7 }, (_, i) => nextDay(props.monday, i));
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const cell = (day: string): Child => {
    const start = zurichInstant(day, 0);
    const end = zurichInstant(nextDay(day), 0);
    const items = props.bookings.filter((b) => b.start < end && start < b.end);
    if (items.length === 0) return t('nothingThatDay');
    return (
      <ul class="list">
        {items.map((b) => (
          <li>
            {timeOfDay(b.start)}–{timeOfDay(b.end)}{' '}
            {b.kind === 'block' ? (
              <Tag tone="neutral">{t('blocked')}</Tag>
            ) : (
              <Tag tone={statusTone[b.status]}>{t(b.status)}</Tag>
            )}{' '}
            {b.kind === 'block' ? b.purpose : `${b.contact_name} — ${b.purpose} (${b.reference})`}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <>
      <ErrorSummary errors={props.errors} />
      {props.banner && <NotificationBanner kind="success">{props.banner}</NotificationBanner>}
      <h1>{t('calendarOf', { name: pick(resource.name, locale) })}</h1>
      <p>
        <a href={`${path}?week=${nextDay(props.monday, -7)}`}>{t('previousWeek')}</a>
        {' · '}
        <a href={`${path}?week=${nextDay(props.monday, 7)}`}>{t('nextWeek')}</a>
      </p>
      <Table
        caption={t('week', { day: formatDate(locale, zurichInstant(props.monday, '12:00')) })}
        head={[t('day'), t('staffTitle')]}
        rows={days.map((day) => [formatDate(locale, zurichInstant(day, '12:00')), cell(day)])}
      />
      <h2>{t('closures')}</h2>
      {props.closures.length === 0 ? (
        <p>{t('closuresNone')}</p>
      ) : (
        <ul class="list">
          {props.closures.map((c) => (
            <li>
              {formatSpan(locale, c)} {c.reason}
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${path}/block`}>
        <CsrfField />
        <h2>{t('block')}</h2>
        <TextInput
          name="from"
          label={t('from')}
          hint={t('dateTimeHint')}
          value={props.values.from}
          error={error('from')}
        />
        <TextInput
          name="to"
          label={t('to')}
          hint={t('dateTimeHint')}
          value={props.values.to}
          error={error('to')}
        />
        <TextInput name="reason" label={t('blockReason')} value={props.values.reason} />
        <Button variant="secondary">{t('blockButton')}</Button>
      </form>
      <form method="post" action={`${path}/closures`}>
        <CsrfField />
        <h2>{t('importCalendar')}</h2>
        <FieldFrame
          id="calendar"
          label={t('importCalendar')}
          hint={t('importHint')}
          error={error('calendar')}
        >
          <textarea
            class="field__input"
            id="calendar"
            name="calendar"
            rows={8}
            aria-describedby={error('calendar') ? 'calendar-hint calendar-error' : 'calendar-hint'}
          >
            {props.values.calendar}
          </textarea>
        </FieldFrame>
        <Button variant="secondary">{t('importButton')}</Button>
      </form>
    </>
  );
}

/**
 * Adding a resource, or changing one (`editing`: its name now): its name in the languages, what it
 * holds, when it opens, what it costs, its rules.
 */
export function NewResourcePage(props: {
  locale: Locale;
  action: string;
  values: ResourceValues;
  errors: FieldError[];
  editing?: string;
}) {
  const t = bookingMessages.translator(props.locale);
  const v = props.values;
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const input = (
    name: keyof ResourceValues,
    label: string,
    inputmode?: 'numeric' | 'decimal',
    hint?: string,
  ) => (
    <TextInput
      name={name}
      label={label}
      value={v[name]}
      error={error(name)}
      inputmode={inputmode}
      hint={hint}
    />
  );
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{props.editing === undefined ? t('newResource') : t('editResource', { name: props.editing })}</h1>
      <form method="post" action={props.action} novalidate>
        <CsrfField />
        <FieldFrame id="kind" label={t('kind')} error={error('kind')}>
          <select class="field__input" id="kind" name="kind">
            {resourceKinds.map((k) => (
              <option value={k} selected={v.kind === k}>
                {t(k)}
              </option>
            ))}
          </select>
        </FieldFrame>
        {input('nameFr', `${t('name')} (français)`)}
        {input('nameDe', `${t('name')} (Deutsch)`)}
        {input('nameEn', `${t('name')} (English)`)}
        {input('capacity', t('attendees'), 'numeric')}
        <FieldFrame
          id="openingHours"
          label={t('openingHours')}
          hint={t('openingHoursHint')}
          error={error('openingHours')}
        >
          <textarea
            class="field__input"
            id="openingHours"
            name="openingHours"
            rows={7}
            aria-describedby={
              error('openingHours') ? 'openingHours-hint openingHours-error' : 'openingHours-hint'
            }
          >
            {v.openingHours}
          </textarea>
        </FieldFrame>
        {input('slotMinutes', t('slotMinutes'), 'numeric')}
        {input('priceResident', t('priceResidentCents'), 'decimal')}
        {input('priceOther', t('priceOtherCents'), 'decimal')}
        {input('residentPostcodes', t('residentPostcodes'))}
        {input('minNoticeHours', t('minNoticeHours'), 'numeric')}
        {input('maxDurationMinutes', t('maxDurationMinutes'), 'numeric')}
        {input('freeCancellationHours', t('freeCancellationHours'), 'numeric')}
        <div class="choice">
          <input
            type="checkbox"
            id="needsApproval"
            name="needsApproval"
            value="yes"
            checked={v.needsApproval === 'yes'}
          />
          <label for="needsApproval">{t('approval')}</label>
        </div>
        <Button>{props.editing === undefined ? t('create') : t('save')}</Button>
      </form>
    </>
  );
}
