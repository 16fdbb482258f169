import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { platformMessages } from '../../platform/views/messages.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { can } from '../policy/index.ts';
import { issuingContextOf } from '../signing/index.ts';
import { blockSlot } from './block-slot.ts';
import { getBooking, liveBookingsOf, requestedBookings, selectBookings } from './bookings.ts';
import { endBooking } from './cancel-booking.ts';
import { confirmBooking } from './confirm-booking.ts';
import { closuresFromICalendar } from './import-closures.ts';
import { bookingMessages } from './messages.ts';
import {
  parseLocalDateTime,
  type ResourceValues,
  readResourceForm,
  resourceFields,
  resourceValuesOf,
} from './resource-form.ts';
import { addClosures, closuresOf, createResource, getResource, resourcesOf } from './resources.ts';
import { updateResource } from './update-resource.ts';
import { CalendarPage, NewResourcePage, StaffHomePage, staffBase } from './views/staff-pages.tsx';
import { localParts, nextDay, zurichInstant } from './zurich-time.ts';

/** The staff's side: requests to decide, each resource's week, blocks, closures, new resources. */
export function bookingStaffRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function authorityFor(
    c: RouteContext,
    action: 'authority.handleBookings' | 'authority.manageBookingResources',
  ) {
    const actor = loggedInPerson(c);
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = { type: 'authority' as const, authorityId: authority?.id ?? '' };
    if (!authority || !(await can(db, actor, action, resource)).allowed) throw notFound();
    return { actor, authority, t: bookingMessages.translator(c.var.locale), base: staffBase(authority.slug) };
  }

  async function resourceFor(
    c: RouteContext,
    action: 'authority.handleBookings' | 'authority.manageBookingResources' = 'authority.handleBookings',
  ) {
    const found = await authorityFor(c, action);
    const resource = await getResource(db, c.req.param('id') ?? '');
    if (resource?.authority_id !== found.authority.id) throw notFound();
    return { ...found, resource, path: `${found.base}/resources/${resource.id}` };
  }

  async function calendar(
    c: RouteContext,
    found: Awaited<ReturnType<typeof resourceFor>>,
    state: {
      errors?: FieldError[];
      values?: { from: string; to: string; reason: string; calendar: string };
      banner?: string;
    } = {},
  ) {
    const asked = c.req.query('week') ?? '';
    const day = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : localParts(platform.now()).day;
    const monday = nextDay(day, 1 - localParts(zurichInstant(day, '12:00')).weekday);
    const span = { start: zurichInstant(monday, 0), end: zurichInstant(nextDay(monday, 7), 0) };
    const horizon = { start: platform.now(), end: new Date(platform.now().getTime() + 366 * 86_400_000) };
    return platform.render(
      c,
      {
        title: found.t('calendarOf', { name: pick(found.resource.name, c.var.locale) }),
        status: state.errors?.length ? 422 : 200,
        breadcrumbs: [{ label: found.t('staffTitle'), href: found.base }],
      },
      <CalendarPage
        locale={c.var.locale}
        slug={found.authority.slug}
        resource={found.resource}
        monday={monday}
        bookings={await liveBookingsOf(db, found.resource.id, span)}
        closures={await closuresOf(db, found.resource.id, horizon)}
        errors={state.errors ?? []}
        values={state.values ?? { from: '', to: '', reason: '', calendar: '' }}
        banner={state.banner}
      />,
    );
  }

  function editPage(
    c: RouteContext,
    found: Awaited<ReturnType<typeof resourceFor>>,
    values: ResourceValues,
    errors: FieldError[],
  ) {
    const name = pick(found.resource.name, c.var.locale);
    return platform.render(
      c,
      {
        title: found.t('editResource', { name }),
        status: errors.length > 0 ? 422 : 200,
        breadcrumbs: [{ label: found.t('staffTitle'), href: found.base }],
      },
      <NewResourcePage
        locale={c.var.locale}
        action={`${found.path}/edit`}
        values={values}
        errors={errors}
        editing={name}
      />,
    );
  }

  const emptyResource = Object.fromEntries(resourceFields.map((f) => [f, ''])) as ResourceValues;

  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/bookings',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { actor, authority, t } = await authorityFor(c, 'authority.handleBookings');
        const resources = await resourcesOf(db, authority.id, false);
        const names = new Map(resources.map((r) => [r.id, pick(r.name, c.var.locale)]));
        const waiting = (await requestedBookings(db, authority.id)).map((b) => ({
          ...b,
          resourceName: names.get(b.resource_id) ?? '',
        }));
        const mayManage = (
          await can(db, actor, 'authority.manageBookingResources', {
            type: 'authority',
            authorityId: authority.id,
          })
        ).allowed;
        const decided = c.req.query('decided');
        const saved = c.req.query('saved') ? t('resourceSaved') : undefined;
        return platform.render(
          c,
          {
            title: t('staffTitle'),
            // Named as the header's navigation names it, in the page's language.
            breadcrumbs: [
              { label: platformMessages.translator(c.var.locale)('navBackOffice'), href: '/back-office' },
            ],
          },
          <StaffHomePage
            locale={c.var.locale}
            slug={authority.slug}
            authorityName={pick(authority.names, c.var.locale, authority.languages)}
            resources={resources}
            waiting={waiting}
            mayManage={mayManage}
            banner={decided ? t('decided', { reference: decided }) : saved}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/bookings/resources/new',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { t, base } = await authorityFor(c, 'authority.manageBookingResources');
        return platform.render(
          c,
          { title: t('newResource'), breadcrumbs: [{ label: t('staffTitle'), href: base }] },
          <NewResourcePage
            locale={c.var.locale}
            action={`${base}/resources/new`}
            values={{
              ...emptyResource,
              kind: 'room',
              slotMinutes: '60',
              minNoticeHours: '48',
              freeCancellationHours: '72',
            }}
            errors={[]}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bookings/resources/new',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { actor, authority, t, base } = await authorityFor(c, 'authority.manageBookingResources');
        const form = readResourceForm(await c.req.parseBody(), t);
        if (!form.input)
          return platform.render(
            c,
            { title: t('newResource'), status: 422, breadcrumbs: [{ label: t('staffTitle'), href: base }] },
            <NewResourcePage
              locale={c.var.locale}
              action={`${base}/resources/new`}
              values={form.values}
              errors={form.errors}
            />,
          );
        const created = await createResource(db, `person:${actor.id}`, authority.id, form.input);
        return c.redirect(`${base}/resources/${created.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/bookings/resources/:id/edit',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const found = await resourceFor(c, 'authority.manageBookingResources');
        return editPage(c, found, resourceValuesOf(found.resource), []);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bookings/resources/:id/edit',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const found = await resourceFor(c, 'authority.manageBookingResources');
        const form = readResourceForm(await c.req.parseBody(), found.t);
        if (!form.input) return editPage(c, found, form.values, form.errors);
        await updateResource(db, `person:${found.actor.id}`, found.resource, form.input);
        return c.redirect(`${found.base}?saved=1`, 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/bookings/resources/:id',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const found = await resourceFor(c);
        const banner = c.req.query('blocked') ? found.t('blockedBanner') : undefined;
        const imported = c.req.query('imported');
        return calendar(c, found, {
          banner: imported !== undefined ? found.t('imported', { count: Number(imported) }) : banner,
        });
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bookings/resources/:id/block',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const found = await resourceFor(c);
        const body = await c.req.parseBody();
        const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
        const values = { from: text('from'), to: text('to'), reason: text('reason'), calendar: '' };
        const from = parseLocalDateTime(values.from);
        const to = parseLocalDateTime(values.to);
        const errors: FieldError[] = [];
        if (!from) errors.push({ field: 'from', message: found.t('invalidValue') });
        if (!to || (from && to <= from)) errors.push({ field: 'to', message: found.t('invalidValue') });
        if (from && to && errors.length === 0) {
          const outcome = await blockSlot(
            db,
            found.resource,
            { start: from, end: to },
            values.reason,
            `person:${found.actor.id}`,
          );
          if (outcome === 'blocked')
            return c.redirect(`${found.path}?week=${localParts(from).day}&blocked=1`, 303);
          errors.push({ field: 'from', message: found.t('blockTaken') });
        }
        return calendar(c, found, { errors, values });
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bookings/resources/:id/closures',
      access: 'staff',
      object: 'decided',
      maxBodyBytes: 2 * 1024 * 1024,
      async handler(c) {
        const found = await resourceFor(c);
        const body = await c.req.parseBody();
        const text = typeof body.calendar === 'string' ? body.calendar : '';
        const closures = closuresFromICalendar(text, platform.now());
        if (!closures)
          return calendar(c, found, {
            errors: [{ field: 'calendar', message: found.t('notCalendar') }],
            values: { from: '', to: '', reason: '', calendar: text },
          });
        const count = await addClosures(db, `person:${found.actor.id}`, found.resource, closures);
        return c.redirect(`${found.path}?imported=${count}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bookings/:id/decide',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { actor, authority, base } = await authorityFor(c, 'authority.handleBookings');
        const booking = await getBooking(db, c.req.param('id') ?? '');
        const resource = {
          type: 'booking' as const,
          accountId: booking?.account_id ?? null,
          authorityId: booking?.authority_id ?? '',
        };
        if (
          booking?.authority_id !== authority.id ||
          !(await can(db, actor, 'booking.decide', resource)).allowed
        )
          throw notFound();
        const decision = (await c.req.parseBody()).decision;
        if (decision === 'refuse')
          await endBooking(
            db,
            booking.id,
            { status: 'refused', actor: `person:${actor.id}`, reason: 'refused by the authority' },
            platform.now(),
          );
        else if (decision === 'confirm') {
          const context = await issuingContextOf(platform);
          await db.transaction().execute(async (tx) => {
            const locked = await selectBookings(tx)
              .where('id', '=', booking.id)
              .forUpdate()
              .executeTakeFirst();
            if (locked?.status === 'requested')
              await confirmBooking({ ...context, db: tx }, tx, locked, `person:${actor.id}`);
          });
        }
        return c.redirect(`${base}?decided=${encodeURIComponent(booking.reference)}`, 303);
      },
    },
  ];
}
