import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { settlePayment } from '../payments/settle.ts';
import { createResource } from './resources.ts';
import type { Resource } from './rules.ts';
import { localParts, nextDay, zurichInstant } from './zurich-time.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let citizen: PersonActor;
let other: PersonActor;
let sion = '';
let sierre = '';
let room: Resource;
const day = nextDay(localParts(new Date()).day, 8);
const start = zurichInstant(day, '18:00').toISOString();
const client = () => httpClient(testApp.app);

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  citizen = await createCitizen(db, { givenNames: 'Léa', familyName: 'Favre' });
  other = await createCitizen(db, { givenNames: 'Marc', familyName: 'Autre' });
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  sierre = (await getAuthorityBySlug(db, 'sierre'))?.id ?? '';
  room = await createResource(db, 'person:test', sion, {
    kind: 'room',
    name: { fr: 'Salle du Grand-Pont', de: 'Saal Grand-Pont', en: 'Grand-Pont room' },
    capacity: 40,
    openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '08:00', to: '22:00' })),
    slotMinutes: 60,
    priceResidentCents: 2500,
    priceOtherCents: 4000,
    residentPostcodes: ['1950'],
    minNoticeHours: 48,
    maxDurationMinutes: 180,
    freeCancellationHours: 72,
    needsApproval: true,
  });
});
afterAll(() => testApp?.close());

const book = (http: ReturnType<typeof client>, from: string, fields: Record<string, string>) => {
  const path = `/booking/resources/${room.id}/book?start=${encodeURIComponent(from)}&minutes=120`;
  return http.submit(path, fields, path);
};
const bookingId = (location: string | null) =>
  decodeURIComponent(location ?? '').match(/\/bookings\/([0-9a-f-]{36})/)?.[1] ?? '';

describe('booking over HTTP', () => {
  it('shows an authority’s resources and a day’s slots to anyone, in its languages', async () => {
    actor = null;
    const list = await testApp.app.request('/booking/sion');
    expect(await list.text()).toContain('Salle du Grand-Pont');
    const slots = await testApp.app.request(`/booking/resources/${room.id}?day=${day}`, {
      headers: { 'Accept-Language': 'de', Cookie: 'lang=de' },
    });
    const html = await slots.text();
    expect(html).toContain('Verfügbarkeit: Saal Grand-Pont');
    expect(html).toContain('Frei');
    expect(
      (await testApp.app.request('/booking/resources/00000000-0000-0000-0000-000000000000')).status,
    ).toBe(404);
  });

  it('asks for the missing answers, then holds the slot and sends the person to pay', async () => {
    actor = citizen;
    const http = client();
    const empty = await book(http, start, { purpose: '', attendees: '', contactName: '', postcode: '' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('error-summary');
    const tooMany = await book(http, start, {
      purpose: 'Chœur',
      attendees: '41',
      contactName: 'Léa',
      postcode: '1950',
    });
    expect(await tooMany.text()).toContain('au plus 40 personnes');
    const held = await book(http, start, {
      purpose: 'Chœur',
      attendees: '25',
      contactName: 'Léa Favre',
      postcode: '1950',
    });
    expect(held.status).toBe(303);
    expect(held.headers.get('location')).toMatch(/^\/payments\/checkout\?for=%2Fbookings%2F/);
    const id = bookingId(held.headers.get('location'));
    expect(await (await http.get('/my')).text()).toContain('1 réservation à venir.');
    const page = await (await http.get(`/bookings/${id}`)).text();
    expect(page).toContain('En attente du paiement');
    expect(page).toMatch(/<h1>Réservation <span class="nowrap">[^<]+<\/span><\/h1>/); // whole on a phone
    expect(page).toContain('50.00');

    // Someone else cannot see it, nor take the same slot.
    actor = other;
    expect((await client().get(`/bookings/${id}`)).status).toBe(404);
    const again = await book(client(), start, {
      purpose: 'Autre',
      attendees: '5',
      contactName: 'Marc',
      postcode: '1003',
    });
    expect(await again.text()).toContain('Quelqu’un vient de réserver ce moment');

    // Its person cancels it; the slot is free again.
    actor = citizen;
    const cancelled = await http.submit(`/bookings/${id}/cancel`, {}, `/bookings/${id}`);
    expect(cancelled.headers.get('location')).toBe(`/bookings/${id}?cancelled=1`);
    expect(await (await http.get(`/bookings/${id}`)).text()).toContain('Annulée');
  });

  it('lets Sion’s staff confirm a paid request, block a time and import closures; not Sierre’s', async () => {
    actor = citizen;
    const held = await book(client(), zurichInstant(day, '10:00').toISOString(), {
      purpose: 'Assemblée',
      attendees: '20',
      contactName: 'Léa Favre',
      postcode: '1950',
    });
    const id = bookingId(held.headers.get('location'));
    const { db } = testApp.database;
    await db.transaction().execute(async (tx) => {
      const payment =
        await sql<never>`select * from payments where source = ${`booking:${id}`} for update`.execute(tx);
      await settlePayment(tx, payment.rows[0] as never, {
        actor: 'test',
        transactionId: `tx-${id}`,
        details: {},
      });
    });
    await testApp.jobs['booking:paid']?.({ bookingId: id }, {} as never);

    actor = staffActor(sierre);
    expect((await client().get('/back-office/authorities/sion/bookings')).status).toBe(404);
    actor = staffActor(sion);
    const staff = client();
    const desk = await (await staff.get('/back-office/authorities/sion/bookings')).text();
    expect(desk).toContain('Demandes à confirmer');
    // Its breadcrumb names the back office as the header's navigation does.
    expect(desk).toMatch(/class="breadcrumbs__list"><li><a href="\/back-office">Back-office<\/a>/);
    expect(desk).toContain('Assemblée');
    const decided = await staff.post(`/back-office/authorities/sion/bookings/${id}/decide`, {
      decision: 'confirm',
    });
    expect(decided.status).toBe(303);
    const status = await sql<{ status: string }>`select status from bookings where id = ${id}`.execute(db);
    expect(status.rows[0]?.status).toBe('confirmed');

    const calendar = `/back-office/authorities/sion/bookings/resources/${room.id}`;
    const week = await (await staff.get(`${calendar}?week=${day}`)).text();
    expect(week).toContain('Léa Favre — Assemblée');
    const blocked = await staff.submit(
      `${calendar}/block`,
      { from: `${day} 14:00`, to: `${day} 16:00`, reason: 'Nettoyage' },
      calendar,
    );
    expect(blocked.status).toBe(303);
    const overlapping = await staff.submit(
      `${calendar}/block`,
      { from: `${day} 15:00`, to: `${day} 17:00`, reason: 'x' },
      calendar,
    );
    expect(await overlapping.text()).toContain('déjà réservé ou bloqué');
    const holiday = nextDay(day, 1).replaceAll('-', '');
    const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sion//FR\r\nBEGIN:VEVENT\r\nUID:fete-1@sion.ch\r\nDTSTART;VALUE=DATE:${holiday}\r\nSUMMARY:Fête patronale\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
    const imported = await staff.submit(`${calendar}/closures`, { calendar: ics }, calendar);
    expect(imported.headers.get('location')).toBe(`${calendar}?imported=1`);
    // Imported again: the same closure, not a second one.
    await staff.submit(`${calendar}/closures`, { calendar: ics }, calendar);
    const closures = await sql<{
      n: number;
    }>`select count(*)::int as n from booking_closures where resource_id = ${room.id}`.execute(db);
    expect(closures.rows[0]?.n).toBe(1);
    expect(
      await (await staff.submit(`${calendar}/closures`, { calendar: 'hello' }, calendar)).text(),
    ).toContain('pas un calendrier iCalendar');

    actor = null;
    const slots = await (
      await testApp.app.request(`/booking/resources/${room.id}?day=${nextDay(day, 1)}`)
    ).text();
    expect(slots).toContain('Fermé');
    expect(slots).not.toContain('>Libre<');
  });

  it('lets the authority’s administrator add a resource through the back office', async () => {
    actor = staffActor(sion, 'authorityAdmin');
    const http = client();
    const path = '/back-office/authorities/sion/bookings/resources/new';
    const wrong = await http.submit(path, {
      kind: 'room',
      nameFr: '',
      capacity: '0',
      openingHours: '9 25:00 08:00',
    });
    expect(wrong.status).toBe(422);
    const created = await http.submit(path, {
      kind: 'equipment',
      nameFr: 'Tables et bancs',
      nameDe: 'Festgarnituren',
      nameEn: 'Tables and benches',
      capacity: '200',
      openingHours: '1 08:00 18:00\n6 08:00 12:00',
      slotMinutes: '240',
      priceResident: '30',
      priceOther: '50',
      residentPostcodes: '1950 1951',
      minNoticeHours: '72',
      maxDurationMinutes: '1440',
      freeCancellationHours: '48',
    });
    expect(created.status).toBe(303);
    actor = staffActor(sion, 'agent');
    expect((await client().get(path)).status).toBe(404);
    actor = null;
    expect(await (await testApp.app.request('/booking/sion')).text()).toContain('Tables et bancs');
  });

  it('shows staff who may add resources the way to their first one on the back office’s desk', async () => {
    const desk = async (role: 'agent' | 'serviceDesigner' | 'authorityAdmin', lang = 'fr') => {
      actor = staffActor(sierre, role);
      return (await client().get(`/back-office?lang=${lang}`)).text();
    };
    const first = '<a href="/back-office/authorities/sierre/bookings/resources/new">';
    expect(await desk('authorityAdmin')).toContain(
      `${first}Réservations : ajouter votre première salle ou votre premier matériel</a>`,
    );
    expect(await desk('serviceDesigner', 'de')).toContain(
      `${first}Reservationen: Ihren ersten Raum oder Ihr erstes Material hinzufügen</a>`,
    );
    expect(await desk('authorityAdmin', 'en')).toContain(
      `${first}Bookings: add your first room or equipment</a>`,
    );
    expect(await desk('agent')).not.toContain('/bookings');
  });

  it('lets the authority’s administrator change a resource, audited, and no one else', async () => {
    const { db } = testApp.database;
    const hall = await createResource(db, 'person:test', sion, {
      kind: 'room',
      name: { fr: 'Salle de la Matze' },
      capacity: 300,
      openingHours: [{ weekday: 6, from: '08:00', to: '23:00' }],
      slotMinutes: 60,
      priceResidentCents: 10000,
      priceOtherCents: 15000,
      residentPostcodes: ['1950'],
      minNoticeHours: 48,
      maxDurationMinutes: 600,
      freeCancellationHours: 72,
      needsApproval: true,
    });
    const path = `/back-office/authorities/sion/bookings/resources/${hall.id}/edit`;
    for (const who of [staffActor(sion, 'agent'), staffActor(sierre, 'authorityAdmin')]) {
      actor = who;
      expect((await client().get(path)).status).toBe(404);
    }
    actor = staffActor(sion, 'authorityAdmin');
    const http = client();
    const home = await (await http.get('/back-office/authorities/sion/bookings')).text();
    expect(home).toContain(`<a href="${path}">Modifier Salle de la Matze</a>`);
    const form = await (await http.get(path)).text();
    expect(form).toContain('<h1>Modifier Salle de la Matze</h1>');
    expect(form).toContain('value="100.00"');
    expect(form).toContain('6 08:00 23:00');
    expect((await http.post(path, { kind: 'room', nameFr: '', capacity: '0' })).status).toBe(422);
    const fields = {
      kind: 'room',
      nameFr: 'Salle de la Matze',
      nameDe: 'Matze-Saal',
      capacity: '350',
      openingHours: '5 18:00 23:00\n6 08:00 23:00',
      slotMinutes: '60',
      priceResident: '120',
      priceOther: '180',
      residentPostcodes: '1950 1951',
      minNoticeHours: '72',
      maxDurationMinutes: '600',
      freeCancellationHours: '96',
    };
    const saved = await http.submit(path, fields);
    expect(saved.headers.get('location')).toBe('/back-office/authorities/sion/bookings?saved=1');
    expect(await (await http.get('/back-office/authorities/sion/bookings?saved=1')).text()).toContain(
      'Les changements sont enregistrés.',
    );
    const changed = await sql<Record<string, unknown>>`
      select capacity, price_resident_cents, needs_approval, name->>'de' as de, jsonb_array_length(opening_hours) as intervals
      from booking_resources where id = ${hall.id}`.execute(db);
    expect(changed.rows[0]).toEqual({
      capacity: 350,
      price_resident_cents: 12000,
      needs_approval: false,
      de: 'Matze-Saal',
      intervals: 2,
    });
    const audit = await sql<{ action: string }>`
      select action from audit_events where subject_type = 'booking_resource' and subject_id = ${hall.id} order by id`.execute(
      db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['booking.resource.created', 'booking.resource.updated']);
    actor = staffActor(sion, 'agent');
    const agent = client();
    await agent.get('/back-office/authorities/sion/bookings');
    expect((await agent.post(path, fields)).status).toBe(404);
  });
});
