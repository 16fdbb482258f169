import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { bookingTables, columnsOf, type ResourceInput } from './resources.ts';
import type { Resource } from './rules.ts';

/**
 * Changes what staff set on a resource of their authority. Bookings already made keep their price and
 * times: the new rules apply to what is asked from now on.
 */
export function updateResource(
  db: Db,
  actor: string,
  resource: Pick<Resource, 'id' | 'authority_id'>,
  input: ResourceInput,
): Promise<void> {
  return audited(
    db,
    {
      actor,
      action: 'booking.resource.updated',
      subjectType: 'booking_resource',
      subjectId: resource.id,
      authorityId: resource.authority_id,
    },
    async (tx) => {
      await bookingTables(tx)
        .updateTable('booking_resources')
        .set(columnsOf(input))
        .where('id', '=', resource.id)
        .where('authority_id', '=', resource.authority_id)
        .execute();
    },
  );
}
