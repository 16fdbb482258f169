import type { Child } from 'hono/jsx';
import { formatDate } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { KeptWhole } from '../../../platform/views/components/kept-whole.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag, type TagTone } from '../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import type { Booking } from '../bookings.ts';
import { type BookingT, bookingMessages } from '../messages.ts';
import type { Resource, SlotState, Span } from '../rules.ts';
import type { BookingStatus } from '../tables.ts';
import { nextDay, zurichInstant } from '../zurich-time.ts';
import { chf, formatSpan, timeOfDay } from './format.ts';

export const resourcePath = (id: string) => `/booking/resources/${id}`;

/** What a resource costs and asks, said the same way on its card and its page. */
function ResourceFacts(props: { resource: Resource; t: BookingT; locale: Locale }) {
  const { resource: r, t, locale } = props;
  return (
    <ul class="list">
      <li>{t('capacity', { count: r.capacity })}</li>
      <li>{t('priceResident', { price: chf(locale, r.price_resident_cents), minutes: r.slot_minutes })}</li>
      <li>{t('priceOther', { price: chf(locale, r.price_other_cents), minutes: r.slot_minutes })}</li>
      <li>
        {t('rules', {
          hours: r.min_notice_hours,
          max: r.max_duration_minutes,
          free: r.free_cancellation_hours,
        })}
      </li>
      {r.needs_approval && <li>{t('needsApproval')}</li>}
    </ul>
  );
}

export function ResourcesPage(props: { locale: Locale; resources: Resource[] }) {
  const t = bookingMessages.translator(props.locale);
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {props.resources.length === 0 && <p>{t('none')}</p>}
      {props.resources.map((r) => (
        <section class="card" aria-labelledby={`resource-${r.id}`}>
          <h2 id={`resource-${r.id}`}>
            <a href={resourcePath(r.id)}>{pick(r.name, props.locale)}</a>
          </h2>
          <p>
            <Tag>{t(r.kind)}</Tag>
          </p>
          {r.description && <p>{pick(r.description, props.locale)}</p>}
          <ResourceFacts resource={r} t={t} locale={props.locale} />
        </section>
      ))}
    </>
  );
}

const stateTone: Record<SlotState, TagTone> = {
  free: 'success',
  taken: 'neutral',
  closed: 'warning',
  unavailable: 'neutral',
};

/** The day's slots, and a form (GET, so it works without a script) to pick a free one and a length. */
export function AvailabilityPage(props: {
  locale: Locale;
  resource: Resource;
  day: string;
  slots: (Span & { state: SlotState })[];
}) {
  const { resource, locale, day } = props;
  const t = bookingMessages.translator(locale);
  const free = props.slots.filter((s) => s.state === 'free');
  const lengths = Array.from(
    { length: Math.floor(resource.max_duration_minutes / resource.slot_minutes) },
    (_, i) => (i + 1) * resource.slot_minutes,
  );
  const dayName = formatDate(locale, zurichInstant(day, '12:00'));
  return (
    <>
      <h1>{t('availabilityOf', { name: pick(resource.name, locale) })}</h1>
      <ResourceFacts resource={resource} t={t} locale={locale} />
      <form method="get" action={resourcePath(resource.id)} class="inline-form">
        <TextInput name="day" label={t('day')} value={day} />
        <Button variant="secondary">{t('showDay')}</Button>
      </form>
      <p>
        <a href={`${resourcePath(resource.id)}?day=${nextDay(day, -1)}`}>{t('previousDay')}</a>
        {' · '}
        <a href={`${resourcePath(resource.id)}?day=${nextDay(day)}`}>{t('nextDay')}</a>
      </p>
      {props.slots.length === 0 ? (
        <p>{t('noSlots')}</p>
      ) : (
        <Table
          caption={t('slotsOf', { day: dayName })}
          head={[t('slot'), t('state')]}
          rows={props.slots.map((s) => [
            `${timeOfDay(s.start)}–${timeOfDay(s.end)}`,
            <Tag tone={stateTone[s.state]}>{t(s.state)}</Tag>,
          ])}
        />
      )}
      {free.length > 0 && (
        <form method="get" action={`${resourcePath(resource.id)}/book`}>
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{t('start')}</legend>
            {free.map((s, i) => (
              <div class="choice">
                <input
                  type="radio"
                  id={`start-${i}`}
                  name="start"
                  value={s.start.toISOString()}
                  checked={i === 0}
                />
                <label for={`start-${i}`}>{timeOfDay(s.start)}</label>
              </div>
            ))}
          </fieldset>
          <div class="field">
            <label class="field__label" for="minutes">
              {t('duration')}
            </label>
            <select class="field__input" id="minutes" name="minutes">
              {lengths.map((m) => (
                <option value={String(m)}>{t('minutes', { count: m })}</option>
              ))}
            </select>
          </div>
          <Button>{t('continue')}</Button>
        </form>
      )}
    </>
  );
}

export interface BookValues {
  purpose: string;
  attendees: string;
  contactName: string;
  postcode: string;
}

/** The short form of a booking: what for, how many, who, where from; then paying. */
export function BookPage(props: {
  locale: Locale;
  resource: Resource;
  span: Span;
  action: string;
  values: BookValues;
  errors: FieldError[];
}) {
  const { resource, locale, values } = props;
  const t = bookingMessages.translator(locale);
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const free = resource.price_resident_cents === 0 && resource.price_other_cents === 0;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <h1>{t('bookTitle', { name: pick(resource.name, locale) })}</h1>
      <SummaryList
        rows={[
          [t('when'), formatSpan(locale, props.span)],
          [
            t('priceResident', {
              price: chf(locale, resource.price_resident_cents),
              minutes: resource.slot_minutes,
            }),
            '',
          ],
          [
            t('priceOther', {
              price: chf(locale, resource.price_other_cents),
              minutes: resource.slot_minutes,
            }),
            '',
          ],
        ]}
      />
      <form method="post" action={props.action} novalidate>
        <CsrfField />
        <TextInput
          name="purpose"
          label={t('purpose')}
          hint={t('purposeHint')}
          value={values.purpose}
          error={error('purpose')}
        />
        <TextInput
          name="attendees"
          label={t('attendees')}
          inputmode="numeric"
          value={values.attendees}
          error={error('attendees')}
        />
        <TextInput
          name="contactName"
          label={t('contactName')}
          autocomplete="name"
          value={values.contactName}
          error={error('contactName')}
        />
        <TextInput
          name="postcode"
          label={t('postcode')}
          hint={t('postcodeHint')}
          autocomplete="postal-code"
          inputmode="numeric"
          value={values.postcode}
          error={error('postcode')}
        />
        <Button>{free ? t('book') : t('bookAndPay')}</Button>
      </form>
    </>
  );
}

export const statusTone: Record<BookingStatus, TagTone> = {
  held: 'warning',
  requested: 'info',
  confirmed: 'success',
  cancelled: 'neutral',
  refused: 'danger',
  expired: 'neutral',
};

export function MyBookingsPage(props: { locale: Locale; bookings: (Booking & { resourceName: string })[] }) {
  const t = bookingMessages.translator(props.locale);
  return (
    <>
      <h1>{t('myBookings')}</h1>
      {props.bookings.length === 0 ? (
        <p>{t('myBookingsNone')}</p>
      ) : (
        <Table
          caption={t('myBookings')}
          head={[t('bookingTitle', { reference: '' }).trim(), t('resource'), t('when'), t('status')]}
          rows={props.bookings.map((b) => [
            <a href={`/bookings/${b.id}`}>{b.reference}</a>,
            b.resourceName,
            formatSpan(props.locale, b),
            <Tag tone={statusTone[b.status]}>{t(b.status)}</Tag>,
          ])}
        />
      )}
    </>
  );
}

/** A booking as its person follows it: where it stands, paying it, its confirmation, cancelling it. */
export function BookingPage(props: {
  locale: Locale;
  booking: Booking;
  resourceName: string;
  refundOnCancel: number | undefined;
  banner?: Child;
}) {
  const { booking: b, locale } = props;
  const t = bookingMessages.translator(locale);
  const live = ['held', 'requested', 'confirmed'].includes(b.status);
  return (
    <>
      {props.banner && <NotificationBanner kind="success">{props.banner}</NotificationBanner>}
      <h1>
        <KeptWhole text={(reference) => t('bookingTitle', { reference })} value={b.reference} />
      </h1>
      <SummaryList
        rows={[
          [t('status'), <Tag tone={statusTone[b.status]}>{t(b.status)}</Tag>],
          [t('resource'), props.resourceName],
          [t('when'), formatSpan(locale, b)],
          [t('purpose'), b.purpose],
          [t('attendees'), String(b.attendees)],
          [t('price'), chf(locale, b.price_cents)],
        ]}
      />
      {b.status === 'held' && b.hold_until && (
        <>
          <p>{t('heldUntil', { time: timeOfDay(b.hold_until) })}</p>
          {b.price_cents > 0 && (
            <p>
              <a
                class="button button--primary"
                href={`/payments/checkout?for=${encodeURIComponent(`/bookings/${b.id}`)}`}
              >
                {t('pay')}
              </a>
            </p>
          )}
        </>
      )}
      {b.document_id && (
        <p>
          <a href={`/documents/${b.document_id}`}>{t('openConfirmation')}</a>
        </p>
      )}
      {live && props.refundOnCancel !== undefined && (
        <form method="post" action={`/bookings/${b.id}/cancel`}>
          <CsrfField />
          <h2>{t('cancelTitle')}</h2>
          <p>
            {props.refundOnCancel > 0
              ? t('cancelRefund', { price: chf(locale, props.refundOnCancel) })
              : b.price_cents > 0 && b.status !== 'held'
                ? t('cancelNoRefund')
                : ''}
          </p>
          <Button variant="secondary">{t('cancelButton')}</Button>
        </form>
      )}
    </>
  );
}
