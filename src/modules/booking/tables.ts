import type { Generated } from 'kysely';
import type { LocalisedText } from '../../platform/i18n/locales.ts';

export type ResourceKind = 'room' | 'hall' | 'equipment';
export const resourceKinds: readonly ResourceKind[] = ['room', 'hall', 'equipment'];

/** One opening interval of a weekday (Monday 1 … Sunday 7), in the canton's time, `HH:MM`. */
export interface OpeningHours {
  weekday: number;
  from: string;
  to: string;
}

/**
 * `held`: the slot is kept while the person pays (until `hold_until`); `requested`: paid, waiting for
 * the staff's approval; `confirmed`; `cancelled` (by the person, or the staff's block lifted);
 * `refused` by the staff; `expired`: not paid in time, the slot given back.
 */
export type BookingStatus = 'held' | 'requested' | 'confirmed' | 'cancelled' | 'refused' | 'expired';
export const liveStatuses: readonly BookingStatus[] = ['held', 'requested', 'confirmed'];

export interface BookingTables {
  booking_resources: {
    id: Generated<string>;
    authority_id: string;
    kind: ResourceKind;
    name: LocalisedText;
    description: LocalisedText | null;
    capacity: number;
    opening_hours: OpeningHours[];
    slot_minutes: number;
    price_resident_cents: number;
    price_other_cents: number;
    resident_postcodes: string[];
    min_notice_hours: number;
    max_duration_minutes: number;
    free_cancellation_hours: number;
    needs_approval: boolean;
    hold_minutes: number;
    published: boolean;
    created_at: Generated<Date>;
  };
  booking_closures: {
    id: Generated<string>;
    resource_id: string;
    /** A PostgreSQL tstzrange, `[start,end)`. */
    during: string;
    reason: string;
    ical_uid: string | null;
  };
  bookings: {
    id: Generated<string>;
    reference: string;
    resource_id: string;
    authority_id: string;
    account_id: string | null;
    person_id: string | null;
    kind: 'booking' | 'block';
    status: BookingStatus;
    during: string;
    attendees: Generated<number>;
    purpose: Generated<string>;
    contact_name: Generated<string>;
    postcode: Generated<string>;
    resident: Generated<boolean>;
    price_cents: Generated<number>;
    payment_id: string | null;
    hold_until: Date | null;
    document_id: string | null;
    reminded_at: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
}
