import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { isOverlap, newReference, takeResourceTurn } from './bookings.ts';
import { bookingTables } from './resources.ts';
import type { Resource, Span } from './rules.ts';

/**
 * Blocks a span of a resource for the staff (maintenance, the commune's own use): a booking without
 * an account, kept apart from every live booking by the same exclusion constraint.
 */
export async function blockSlot(
  db: Db,
  resource: Pick<Resource, 'id' | 'authority_id'>,
  span: Span,
  reason: string,
  actor: string,
): Promise<'blocked' | 'taken' | 'invalid'> {
  if (!(span.end > span.start)) return 'invalid';
  try {
    await audited(
      db,
      (id: string) => ({
        actor,
        action: 'booking.blocked',
        subjectType: 'booking',
        subjectId: id,
        authorityId: resource.authority_id,
      }),
      async (tx) => {
        await takeResourceTurn(tx, resource.id);
        return (
          await bookingTables(tx)
            .insertInto('bookings')
            .values({
              reference: newReference(),
              resource_id: resource.id,
              authority_id: resource.authority_id,
              kind: 'block',
              status: 'confirmed',
              during: sql<string>`tstzrange(${span.start}, ${span.end})` as never,
              purpose: reason.slice(0, 500),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      },
    );
    return 'blocked';
  } catch (error) {
    if (isOverlap(error)) return 'taken';
    throw error;
  }
}
