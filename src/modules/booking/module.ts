import type { GuichetModule } from '../../platform/module.ts';
import { issuingContextOf } from '../signing/index.ts';
import { getBooking } from './bookings.ts';
import { bookingsTool } from './bookings-tool.ts';
import { settleBooking } from './confirm-booking.ts';
import * as createBooking from './migrations/2026-12-02-40-booking-create.ts';
import * as changeLog from './migrations/2026-12-07-41-booking-change-log.ts';
import { bookingMySpace } from './my-space.tsx';
import { refundBooking } from './refund-booking.ts';
import { releaseHolds, sendReminders } from './reminders.ts';
import { bookingRoutes } from './routes.tsx';
import { bookingStaffRoutes } from './staff-routes.tsx';

/** Rooms, halls and equipment any authority lends or rents: availability, booking, payment, calendar. */
export const bookingModule: GuichetModule = {
  name: 'booking',
  migrations: {
    '2026-12-02-40-booking-create': createBooking,
    '2026-12-07-41-booking-change-log': changeLog,
  },
  routes: (platform) => [...bookingStaffRoutes(platform), ...bookingRoutes(platform)],
  mySpace: bookingMySpace,
  backOfficeTools: (platform) => [bookingsTool(platform)],
  jobs: (platform) => ({
    'booking:paid': async ({ bookingId }) => {
      const outcome = await settleBooking(await issuingContextOf(platform), bookingId);
      const booking = outcome === 'lateRefund' ? await getBooking(platform.db, bookingId) : undefined;
      // Paid after its hold ran out: the slot may be someone else's by now, so the money goes back.
      if (booking)
        await refundBooking(
          platform.db,
          booking,
          booking.price_cents,
          'system',
          'paid after the slot was released',
        );
    },
    'booking:release-holds': async () => {
      await releaseHolds(platform.db, platform.now());
    },
    'booking:send-reminders': async () => {
      await sendReminders(platform.db, platform.now());
    },
  }),
};
