import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen } from '../../../tests/support/factories.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { settlePayment } from '../payments/settle.ts';
import { blockSlot } from './block-slot.ts';
import { getBooking } from './bookings.ts';
import { endBooking } from './cancel-booking.ts';
import { holdSlot } from './hold-slot.ts';
import { releaseHolds, sendReminders } from './reminders.ts';
import { createResource, type ResourceInput } from './resources.ts';
import type { Resource } from './rules.ts';
import { localParts, nextDay, zurichInstant } from './zurich-time.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let citizen: PersonActor;
let sion = '';
const now = new Date();
// Ten days ahead: clear of the notice, and of the free-cancellation delay.
const day = nextDay(localParts(now).day, 10);

beforeAll(async () => {
  testApp = await createTestApp();
  citizen = await createCitizen(testApp.database.db, { givenNames: 'Léa', familyName: 'Favre' });
  sion = (await getAuthorityBySlug(testApp.database.db, 'sion'))?.id ?? '';
});
afterAll(() => testApp?.close());

const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '08:00', to: '22:00' }));
function hall(overrides: Partial<ResourceInput> = {}): Promise<Resource> {
  return createResource(testApp.database.db, 'person:test', sion, {
    kind: 'hall',
    name: { fr: 'Salle de la Matze' },
    capacity: 100,
    openingHours: everyDay,
    slotMinutes: 60,
    priceResidentCents: 2000,
    priceOtherCents: 3500,
    residentPostcodes: ['1950'],
    minNoticeHours: 0,
    maxDurationMinutes: 240,
    freeCancellationHours: 72,
    needsApproval: false,
    ...overrides,
  });
}

const ask = (resource: Resource, from: string, to: string, who = citizen, at = now) =>
  holdSlot(
    testApp.database.db,
    resource,
    {
      start: zurichInstant(day, from),
      end: zurichInstant(day, to),
      personId: who.id,
      accountId: who.account.id,
      attendees: 30,
      purpose: 'Assemblée',
      contactName: who.displayName,
      postcode: '1950',
    },
    at,
  );

async function pay(bookingId: string) {
  const { db } = testApp.database;
  await db.transaction().execute(async (tx) => {
    const payment =
      await sql<never>`select * from payments where source = ${`booking:${bookingId}`} for update`.execute(
        tx,
      );
    await settlePayment(tx, payment.rows[0] as never, {
      actor: 'test',
      transactionId: `tx-${bookingId}`,
      details: {},
    });
  });
  await testApp.jobs['booking:paid']?.({ bookingId }, {} as never);
}

const statusOf = async (id: string) => (await getBooking(testApp.database.db, id))?.status;

describe('holding a slot', () => {
  it('gives one booking to twenty people asking for the same slot at once, and tells the others it is taken', async () => {
    const resource = await hall();
    const people = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createCitizen(testApp.database.db, { givenNames: `P${i}`, familyName: 'Rush' }),
      ),
    );
    const outcomes = await Promise.all(people.map((p) => ask(resource, '18:00', '20:00', p)));
    expect(outcomes.filter((o) => 'booking' in o)).toHaveLength(1);
    expect(outcomes.filter((o) => 'problem' in o && o.problem === 'taken')).toHaveLength(19);
    const live = await sql<{ n: number }>`
      select count(*)::int as n from bookings where resource_id = ${resource.id} and status = 'held'`.execute(
      testApp.database.db,
    );
    expect(live.rows[0]?.n).toBe(1);
  });

  it('refuses a span overlapping a live booking or a block, and takes the one right after', async () => {
    const resource = await hall();
    expect('booking' in (await ask(resource, '10:00', '12:00'))).toBe(true);
    expect(await ask(resource, '11:00', '13:00')).toEqual({ problem: 'taken' });
    expect('booking' in (await ask(resource, '12:00', '13:00'))).toBe(true);
    const span = { start: zurichInstant(day, '14:00'), end: zurichInstant(day, '16:00') };
    expect(await blockSlot(testApp.database.db, resource, span, 'Entretien', 'person:staff')).toBe('blocked');
    expect(await ask(resource, '15:00', '16:00')).toEqual({ problem: 'taken' });
    expect(await blockSlot(testApp.database.db, resource, span, 'Entretien', 'person:staff')).toBe('taken');
  });

  it('asks the resident’s price, and refuses what breaks the rules before taking anything', async () => {
    const resource = await hall({ maxDurationMinutes: 120 });
    expect(await ask(resource, '08:00', '11:00')).toEqual({ problem: 'tooLong' });
    const held = await ask(resource, '08:00', '10:00');
    if (!('booking' in held)) throw new Error('not held');
    expect(held.booking).toMatchObject({ status: 'held', resident: true, price_cents: 4000 });
    const payment = await sql<{ amount_cents: number; link: string }>`
      select amount_cents, link from payments where source = ${`booking:${held.booking.id}`}`.execute(
      testApp.database.db,
    );
    expect(payment.rows[0]).toEqual({ amount_cents: 4000, link: `/bookings/${held.booking.id}` });
  });
});

describe('after the hold', () => {
  it('confirms a paid booking with a sealed confirmation in the person’s documents, refunded when cancelled in time', async () => {
    const resource = await hall();
    const held = await ask(resource, '09:00', '12:00');
    if (!('booking' in held)) throw new Error('not held');
    await pay(held.booking.id);
    const confirmed = await getBooking(testApp.database.db, held.booking.id);
    expect(confirmed?.status).toBe('confirmed');
    const issued = await sql<{ type: string }>`
      select type from issued_documents where document_id = ${confirmed?.document_id ?? null}`.execute(
      testApp.database.db,
    );
    expect(issued.rows).toEqual([{ type: 'authorisation' }]);
    const refunded = await endBooking(
      testApp.database.db,
      held.booking.id,
      { status: 'cancelled', actor: `person:${citizen.id}`, reason: 'cancelled' },
      now,
    );
    expect(refunded).toBe(6000);
    expect(await statusOf(held.booking.id)).toBe('cancelled');
    // The slot is free again.
    expect('booking' in (await ask(resource, '09:00', '12:00'))).toBe(true);
  });

  it('refunds nothing when a confirmed booking is cancelled after the free-cancellation delay', async () => {
    const resource = await hall({ freeCancellationHours: 24 * 30 });
    const held = await ask(resource, '13:00', '14:00');
    if (!('booking' in held)) throw new Error('not held');
    await pay(held.booking.id);
    const end = { status: 'cancelled' as const, actor: 'person:x', reason: 'late' };
    expect(await endBooking(testApp.database.db, held.booking.id, end, now)).toBe(0);
  });

  it('puts a paid booking to the staff when the resource needs approval; refused, it is refunded in full', async () => {
    const resource = await hall({ needsApproval: true, freeCancellationHours: 0 });
    const held = await ask(resource, '15:00', '16:00');
    if (!('booking' in held)) throw new Error('not held');
    await pay(held.booking.id);
    expect(await statusOf(held.booking.id)).toBe('requested');
    const end = { status: 'refused' as const, actor: 'person:staff', reason: 'refused' };
    expect(await endBooking(testApp.database.db, held.booking.id, end, now)).toBe(2000);
    expect(await statusOf(held.booking.id)).toBe('refused');
  });

  it('releases a hold not paid in time, its fee no longer payable, and lets someone else book it', async () => {
    const resource = await hall({ holdMinutes: 20 });
    const held = await ask(resource, '19:00', '21:00');
    if (!('booking' in held)) throw new Error('not held');
    expect(await releaseHolds(testApp.database.db, new Date(now.getTime() + 19 * 60_000))).toBe(0);
    expect(
      await releaseHolds(testApp.database.db, new Date(now.getTime() + 21 * 60_000)),
    ).toBeGreaterThanOrEqual(1);
    expect(await statusOf(held.booking.id)).toBe('expired');
    const payment = await sql<{ status: string }>`
      select status from payments where source = ${`booking:${held.booking.id}`}`.execute(
      testApp.database.db,
    );
    expect(payment.rows[0]?.status).toBe('cancelled');
    expect('booking' in (await ask(resource, '19:00', '21:00'))).toBe(true);
  });

  it('reminds the person the day before, once', async () => {
    const resource = await hall();
    const held = await ask(resource, '20:00', '21:00');
    if (!('booking' in held)) throw new Error('not held');
    await pay(held.booking.id);
    const dayBefore = new Date(zurichInstant(day, '20:00').getTime() - 20 * 3_600_000);
    expect(await sendReminders(testApp.database.db, dayBefore)).toBeGreaterThanOrEqual(1);
    expect(await sendReminders(testApp.database.db, dayBefore)).toBe(0);
    const told = await sql<{ n: number }>`
      select count(*)::int as n from notifications where link = ${`/bookings/${held.booking.id}`}`.execute(
      testApp.database.db,
    );
    expect(told.rows[0]?.n).toBe(1);
  });
});
