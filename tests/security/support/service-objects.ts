import { createResource, holdSlot, zurichInstant } from '../../../src/modules/booking/index.ts';
import { openTicket } from '../../../src/modules/support/tickets.ts';
import type { PersonActor } from '../../../src/platform/http/access.ts';
import type { createTestApp } from '../../support/test-app.ts';

type Db = Awaited<ReturnType<typeof createTestApp>>['database']['db'];

const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '08:00', to: '22:00' }));

/**
 * The objects of the services merged after the matrix was written, for one citizen at their authority:
 * a bookable resource of the authority (public, so its name carries no secret), the citizen's booking
 * of it waiting for staff, and a support ticket the citizen opened with the authority's desk.
 */
export async function createServiceObjects(db: Db, person: PersonActor, authorityId: string, secret: string) {
  const resource = await createResource(db, 'test', authorityId, {
    kind: 'room',
    name: { fr: 'Salle de test' },
    capacity: 20,
    openingHours: everyDay,
    slotMinutes: 60,
    priceResidentCents: 0,
    priceOtherCents: 0,
    residentPostcodes: [],
    minNoticeHours: 0,
    maxDurationMinutes: 240,
    freeCancellationHours: 72,
    needsApproval: true,
  });
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const held = await holdSlot(
    db,
    resource,
    {
      start: zurichInstant(day, '10:00'),
      end: zurichInstant(day, '11:00'),
      personId: person.id,
      accountId: person.account.id,
      attendees: 5,
      purpose: secret,
      contactName: secret,
      postcode: '1950',
    },
    new Date(),
  );
  if (!('booking' in held)) throw new Error(`no booking for the matrix: ${held.problem}`);
  const ticket = await openTicket(db, {
    kind: 'question',
    subject: secret,
    body: secret,
    page: null,
    serviceSlug: null,
    requestReference: null,
    browser: null,
    language: 'fr',
    requester: { personId: person.id, accountId: person.account.id, name: secret },
    deskAuthorityId: authorityId,
  });
  return { bookingResource: resource.id, booking: held.booking.id, ticket: ticket.id };
}
