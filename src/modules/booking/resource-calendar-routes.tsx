import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { blockSlot } from './block-slot.ts';
import { liveBookingsOf } from './bookings.ts';
import { closuresFromICalendar } from './import-closures.ts';
import { parseLocalDateTime } from './resource-form.ts';
import { addClosures, closuresOf } from './resources.ts';
import { type StaffResource, staffResourceFor } from './staff-access.ts';
import { CalendarPage } from './views/staff-pages.tsx';
import { localParts, nextDay, zurichInstant } from './zurich-time.ts';

/** A resource's week as the staff sees it, with its blocks and the closures imported from a calendar. */
export function resourceCalendarRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function calendar(
    c: RouteContext,
    found: StaffResource,
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

  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/bookings/resources/:id',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const found = await staffResourceFor(db, c);
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
        const found = await staffResourceFor(db, c);
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
        const found = await staffResourceFor(db, c);
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
  ];
}
