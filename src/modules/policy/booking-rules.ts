import type { Db } from '../../platform/database/database.ts';
import type { PersonActor, StaffRole } from '../../platform/http/access.ts';
import { accountAccess } from '../accounts/index.ts';
import type { BookingResource } from './actions.ts';
import type { Decision } from './can.ts';

const denied: Decision = { allowed: false };
/** Bookings are handled by those who handle the authority's requests. */
const handlingRoles: StaffRole[] = ['agent', 'authorityAdmin'];

export async function decideBooking(
  db: Db,
  actor: PersonActor,
  action: string,
  booking: BookingResource,
): Promise<Decision> {
  if (action === 'booking.decide')
    return actor.staffRoles.some(
      (r) => r.authorityId === booking.authorityId && handlingRoles.includes(r.role),
    )
      ? { allowed: true, via: 'staff' }
      : denied;
  if (action !== 'booking.view' && action !== 'booking.cancel') return denied;
  // In the account in use only, by its own people: a booking is made in no mandate theme.
  if (!booking.accountId || booking.accountId !== actor.account.id) return denied;
  const membership = await accountAccess(db, actor.id, booking.accountId);
  if (!membership) return denied;
  return { allowed: true, via: membership.kind === 'personal' ? 'holder' : 'member' };
}
