import { notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { platformMessages } from '../../platform/views/messages.ts';
import { can } from '../policy/index.ts';
import { issuingContextOf } from '../signing/index.ts';
import { getBooking, requestedBookings, selectBookings } from './bookings.ts';
import { endBooking } from './cancel-booking.ts';
import { confirmBooking } from './confirm-booking.ts';
import { resourceCalendarRoutes } from './resource-calendar-routes.tsx';
import { resourceEditingRoutes } from './resource-editing-routes.tsx';
import { resourcesOf } from './resources.ts';
import { staffAuthorityFor } from './staff-access.ts';
import { StaffHomePage } from './views/staff-pages.tsx';

/**
 * The staff's side: the requests to decide (here), each resource's week with its blocks and closures,
 * new and edited resources.
 */
export function bookingStaffRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/bookings',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { actor, authority, t } = await staffAuthorityFor(db, c, 'authority.handleBookings');
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
    ...resourceEditingRoutes(platform),
    ...resourceCalendarRoutes(platform),
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/bookings/:id/decide',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { actor, authority, base } = await staffAuthorityFor(db, c, 'authority.handleBookings');
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
