import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { brandingOf, getAuthorityById, getAuthorityBySlug, getCanton } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { pickedSpan, problemError, readBookForm } from './book-form.ts';
import { bookingOfAccount, bookingsOfAccount, liveBookingsOf } from './bookings.ts';
import { endBooking, refundIfCancelled } from './cancel-booking.ts';
import { bookingPath, holdSlot } from './hold-slot.ts';
import { bookingMessages } from './messages.ts';
import { closuresOf, getResource, resourcesOf } from './resources.ts';
import { availability, type Resource } from './rules.ts';
import {
  AvailabilityPage,
  BookingPage,
  BookPage,
  type BookValues,
  MyBookingsPage,
  ResourcesPage,
  resourcePath,
} from './views/citizen-pages.tsx';
import { localParts, nextDay, zurichInstant } from './zurich-time.ts';

const publicList = { none: 'an authority’s published rooms and equipment, shown to anyone' };

/** The citizen's side: an authority's resources, a day's availability, booking, following, cancelling. */
export function bookingRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** Pages of an authority's resource, in its branding and languages. */
  async function inBranding(c: RouteContext, authorityId: string) {
    const authority = await getAuthorityById(db, authorityId);
    if (!authority) throw notFound();
    const locale = c.var.localeFor(authority.languages);
    const canton = (await getCanton(db)) ?? authority;
    return { locale, branding: brandingOf(authority, canton, locale, platform.assets) };
  }

  async function published(c: RouteContext): Promise<Resource> {
    const resource = await getResource(db, c.req.param('id') ?? '');
    if (!resource?.published) throw notFound();
    return resource;
  }

  async function bookFor(c: RouteContext) {
    const actor = loggedInPerson(c);
    const resource = await published(c);
    const decision = await can(db, actor, 'account.submit', { type: 'account', accountId: actor.account.id });
    if (!decision.allowed) throw notFound();
    const span = pickedSpan(c.req.query('start'), c.req.query('minutes'));
    if (!span) return { actor, resource, span: undefined };
    return { actor, resource, span };
  }

  async function bookPage(
    c: RouteContext,
    resource: Resource,
    span: NonNullable<ReturnType<typeof pickedSpan>>,
    values: BookValues,
    errors: { field: string; message: string }[],
  ) {
    const { locale, branding } = await inBranding(c, resource.authority_id);
    const t = bookingMessages.translator(locale);
    return platform.render(
      c,
      {
        title: t('bookTitle', { name: pick(resource.name, locale) }),
        locale,
        branding,
        status: errors.length > 0 ? 422 : 200,
        breadcrumbs: [{ label: pick(resource.name, locale), href: resourcePath(resource.id) }],
      },
      <BookPage
        locale={locale}
        resource={resource}
        span={span}
        action={`${resourcePath(resource.id)}/book?start=${encodeURIComponent(span.start.toISOString())}&minutes=${(span.end.getTime() - span.start.getTime()) / 60_000}`}
        values={values}
        errors={errors}
      />,
    );
  }

  async function ownBooking(c: RouteContext, action: 'booking.view' | 'booking.cancel') {
    const actor = loggedInPerson(c);
    const booking = await bookingOfAccount(db, actor.account.id, c.req.param('id') ?? '');
    const resource = {
      type: 'booking' as const,
      accountId: booking?.account_id ?? null,
      authorityId: booking?.authority_id ?? '',
    };
    if (!booking || !(await can(db, actor, action, resource)).allowed) throw notFound();
    return { actor, booking };
  }

  return [
    {
      method: 'GET',
      path: '/booking/:authority',
      access: 'anonymous',
      object: publicList,
      async handler(c) {
        const authority = await getAuthorityBySlug(db, c.req.param('authority') ?? '');
        if (!authority) throw notFound();
        const { locale, branding } = await inBranding(c, authority.id);
        return platform.render(
          c,
          { title: bookingMessages.translator(locale)('title'), locale, branding },
          <ResourcesPage locale={locale} resources={await resourcesOf(db, authority.id)} />,
        );
      },
    },
    {
      method: 'GET',
      path: '/booking/resources/:id',
      access: 'anonymous',
      object: publicList,
      async handler(c) {
        const resource = await published(c);
        const now = platform.now();
        const asked = c.req.query('day') ?? '';
        const day = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : localParts(now).day;
        const span = { start: zurichInstant(day, 0), end: zurichInstant(nextDay(day), 0) };
        const slots = availability(
          resource,
          day,
          await closuresOf(db, resource.id, span),
          await liveBookingsOf(db, resource.id, span),
          now,
        );
        const { locale, branding } = await inBranding(c, resource.authority_id);
        const authority = await getAuthorityById(db, resource.authority_id);
        return platform.render(
          c,
          {
            title: bookingMessages.translator(locale)('availabilityOf', {
              name: pick(resource.name, locale),
            }),
            locale,
            branding,
            breadcrumbs: [
              { label: bookingMessages.translator(locale)('title'), href: `/booking/${authority?.slug}` },
            ],
          },
          <AvailabilityPage locale={locale} resource={resource} day={day} slots={slots} />,
        );
      },
    },
    {
      method: 'GET',
      path: '/booking/resources/:id/book',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { actor, resource, span } = await bookFor(c);
        if (!span) return c.redirect(resourcePath(resource.id), 303);
        return bookPage(
          c,
          resource,
          span,
          { purpose: '', attendees: '', contactName: actor.account.name, postcode: '' },
          [],
        );
      },
    },
    {
      method: 'POST',
      path: '/booking/resources/:id/book',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { actor, resource, span } = await bookFor(c);
        if (!span) return c.redirect(resourcePath(resource.id), 303);
        const { locale } = await inBranding(c, resource.authority_id);
        const t = bookingMessages.translator(locale);
        const form = readBookForm(await c.req.parseBody(), t);
        if (form.errors.length > 0) return bookPage(c, resource, span, form.values, form.errors);
        const held = await holdSlot(
          db,
          resource,
          {
            ...span,
            personId: actor.id,
            accountId: actor.account.id,
            attendees: form.attendees,
            purpose: form.values.purpose,
            contactName: form.values.contactName,
            postcode: form.values.postcode,
          },
          platform.now(),
        );
        if ('problem' in held)
          return bookPage(c, resource, span, form.values, [problemError(held.problem, resource, t)]);
        const path = bookingPath(held.booking.id);
        return c.redirect(
          held.booking.price_cents > 0 ? `/payments/checkout?for=${encodeURIComponent(path)}` : path,
          303,
        );
      },
    },
    {
      method: 'GET',
      path: '/bookings',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        const t = bookingMessages.translator(c.var.locale);
        if (
          !(await can(db, actor, 'account.consult', { type: 'account', accountId: actor.account.id })).allowed
        )
          throw notFound();
        const bookings = [];
        for (const b of await bookingsOfAccount(db, actor.account.id)) {
          const resource = await getResource(db, b.resource_id);
          bookings.push({ ...b, resourceName: resource ? pick(resource.name, c.var.locale) : '' });
        }
        return platform.render(
          c,
          { title: t('myBookings') },
          <MyBookingsPage locale={c.var.locale} bookings={bookings} />,
        );
      },
    },
    {
      method: 'GET',
      path: '/bookings/:id',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { booking } = await ownBooking(c, 'booking.view');
        const resource = await getResource(db, booking.resource_id);
        const { locale, branding } = await inBranding(c, booking.authority_id);
        const t = bookingMessages.translator(locale);
        const refund = await refundIfCancelled(db, booking, platform.now());
        return platform.render(
          c,
          {
            title: t('bookingTitle', { reference: booking.reference }),
            locale,
            branding,
            breadcrumbs: [{ label: t('myBookings'), href: '/bookings' }],
          },
          <BookingPage
            locale={locale}
            booking={booking}
            resourceName={resource ? pick(resource.name, locale) : ''}
            refundOnCancel={refund}
            banner={c.req.query('cancelled') === '1' ? t('cancelledBanner') : undefined}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/bookings/:id/cancel',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { actor, booking } = await ownBooking(c, 'booking.cancel');
        await endBooking(
          db,
          booking.id,
          { status: 'cancelled', actor: `person:${actor.id}`, reason: 'cancelled by the person who booked' },
          platform.now(),
        );
        return c.redirect(`${bookingPath(booking.id)}?cancelled=1`, 303);
      },
    },
  ];
}
