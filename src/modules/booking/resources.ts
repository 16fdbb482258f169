import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import type { Resource, Span } from './rules.ts';
import type { BookingTables, OpeningHours, ResourceKind } from './tables.ts';

export const bookingTables = (db: Db) => tablesOf<BookingTables>(db);

/** What an authority's staff set on a resource. */
export interface ResourceInput {
  kind: ResourceKind;
  name: LocalisedText;
  description?: LocalisedText | null;
  capacity: number;
  openingHours: OpeningHours[];
  slotMinutes: number;
  priceResidentCents: number;
  priceOtherCents: number;
  residentPostcodes: string[];
  minNoticeHours: number;
  maxDurationMinutes: number;
  freeCancellationHours: number;
  needsApproval: boolean;
  holdMinutes?: number;
}

/** The columns staff set on a resource; a description or hold left out of the input stays as it is. */
export const columnsOf = (input: ResourceInput) => ({
  kind: input.kind,
  name: JSON.stringify(input.name) as never,
  ...(input.description !== undefined && {
    description: (input.description ? JSON.stringify(input.description) : null) as never,
  }),
  capacity: input.capacity,
  opening_hours: JSON.stringify(input.openingHours) as never,
  slot_minutes: input.slotMinutes,
  price_resident_cents: input.priceResidentCents,
  price_other_cents: input.priceOtherCents,
  resident_postcodes: input.residentPostcodes,
  min_notice_hours: input.minNoticeHours,
  max_duration_minutes: input.maxDurationMinutes,
  free_cancellation_hours: input.freeCancellationHours,
  needs_approval: input.needsApproval,
  ...(input.holdMinutes !== undefined && { hold_minutes: input.holdMinutes }),
});

/** Adds a bookable resource to an authority (the demo's seed and the back office both call this). */
export function createResource(db: Db, actor: string, authorityId: string, input: ResourceInput) {
  return audited(
    db,
    (created: Resource) => ({
      actor,
      action: 'booking.resource.created',
      subjectType: 'booking_resource',
      subjectId: created.id,
      authorityId,
    }),
    async (tx) =>
      (await bookingTables(tx)
        .insertInto('booking_resources')
        .values({
          authority_id: authorityId,
          ...columnsOf(input),
          hold_minutes: input.holdMinutes ?? 20,
          published: true,
        })
        .returningAll()
        .executeTakeFirstOrThrow()) as Resource,
  );
}

/** An authority's resources, by name. */
export async function resourcesOf(db: Db, authorityId: string, onlyPublished = true): Promise<Resource[]> {
  let query = bookingTables(db)
    .selectFrom('booking_resources')
    .selectAll()
    .where('authority_id', '=', authorityId);
  if (onlyPublished) query = query.where('published', '=', true);
  return (await query.orderBy(sql`name->>'fr'`).execute()) as Resource[];
}

/** A resource, whichever authority it belongs to (its pages say whose it is). */
export async function getResource(db: Db, id: string): Promise<Resource | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return (await bookingTables(db)
    .selectFrom('booking_resources')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()) as Resource | undefined;
}

/** The closures of a resource that meet a span of time. */
export async function closuresOf(
  db: Db,
  resourceId: string,
  span: Span,
): Promise<(Span & { reason: string })[]> {
  const rows = await bookingTables(db)
    .selectFrom('booking_closures')
    .select(['reason', sql<Date>`lower(during)`.as('start'), sql<Date>`upper(during)`.as('end')])
    .where('resource_id', '=', resourceId)
    .where(sql<boolean>`during && tstzrange(${span.start}, ${span.end})`)
    .orderBy(sql`lower(during)`)
    .execute();
  return rows.map((r) => ({ start: new Date(r.start), end: new Date(r.end), reason: r.reason }));
}

/**
 * Records closures of a resource (a holiday, works), each under its iCalendar UID when imported:
 * importing the same calendar again moves the closures it already made instead of adding them twice.
 */
export function addClosures(
  db: Db,
  actor: string,
  resource: Pick<Resource, 'id' | 'authority_id'>,
  closures: (Span & { reason: string; uid?: string })[],
): Promise<number> {
  return audited(
    db,
    {
      actor,
      action: 'booking.closures.added',
      subjectType: 'booking_resource',
      subjectId: resource.id,
      authorityId: resource.authority_id,
      details: { count: closures.length },
    },
    async (tx) => {
      for (const closure of closures) {
        const values = {
          resource_id: resource.id,
          during: sql<string>`tstzrange(${closure.start}, ${closure.end})` as never,
          reason: closure.reason.slice(0, 200),
          ical_uid: closure.uid ?? null,
        };
        const insert = bookingTables(tx).insertInto('booking_closures').values(values);
        await (closure.uid
          ? insert.onConflict((oc) =>
              oc
                .columns(['resource_id', 'ical_uid'])
                .doUpdateSet({ during: values.during, reason: values.reason }),
            )
          : insert
        ).execute();
      }
      return closures.length;
    },
  );
}
