import type { BackOfficeTool, Platform } from '../../platform/module.ts';
import { can } from '../policy/index.ts';
import { bookingMessages } from './messages.ts';
import { resourcesOf } from './resources.ts';
import { staffBase } from './views/staff-pages.tsx';

/**
 * The bookings' line on an authority's back-office desk, only where the authority lends something:
 * the tax office's clerks have nothing to book. Where it lends nothing yet, those who may add
 * resources get the way to the first one instead (else only reachable by typing its address).
 */
export function bookingsTool(platform: Platform): BackOfficeTool {
  return {
    async link(actor, authority, locale) {
      const resource = { type: 'authority' as const, authorityId: authority.id };
      const may = async (action: 'authority.handleBookings' | 'authority.manageBookingResources') =>
        (await can(platform.db, actor, action, resource)).allowed;
      const t = bookingMessages.translator(locale);
      if (
        (await may('authority.handleBookings')) &&
        (await resourcesOf(platform.db, authority.id, false)).length > 0
      )
        return { label: t('toolBookings'), href: staffBase(authority.slug) };
      // Nothing to book yet: those who may add resources are shown where to add the first one.
      if (!(await may('authority.manageBookingResources'))) return null;
      const first = (await resourcesOf(platform.db, authority.id, false)).length === 0;
      return {
        label: first ? t('toolFirstResource') : t('newResource'),
        href: `${staffBase(authority.slug)}/resources/new`,
      };
    },
  };
}
