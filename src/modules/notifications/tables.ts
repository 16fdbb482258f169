import type { Generated } from 'kysely';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { NotificationChannel, NotificationEvent } from '../accounts/index.ts';

export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'bounced' | 'failed';

export interface NotificationsTables {
  push_subscriptions: {
    id: Generated<string>;
    person_id: string;
    endpoint: string;
    p256dh: string;
    auth: string;
    user_agent: string | null;
    created_at: Generated<Date>;
  };
  vapid_keys: { id: number; public_key: string; private_key: string };
  /** Nonces of SMS delivery reports already received, while their timestamp is fresh (replays refused). */
  sms_receipt_nonces: { nonce: string; expires_at: Date };
  /** One thing that awaits one person, in one account; what the portal lists and channels announce. */
  notifications: {
    id: Generated<string>;
    event: NotificationEvent;
    account_id: string;
    person_id: string;
    authority_id: string | null;
    /** Where in the portal it awaits (a path); never its content. */
    link: string;
    /** What caused it, e.g. `document:<id>`: the same source never notifies the same person twice. */
    source: string;
    /** The reference of the request it is about (`2026-000123`): named, its content never said. */
    reference: string | null;
    locale: Locale;
    created_at: Generated<Date>;
    read_at: Date | null;
  };
  notification_deliveries: {
    id: Generated<string>;
    notification_id: string;
    channel: NotificationChannel;
    /** The e-mail address, mobile number or push subscription id it goes to. */
    address: string;
    status: Generated<DeliveryStatus>;
    attempts: Generated<number>;
    last_error: string | null;
    sent_at: Date | null;
    updated_at: Generated<Date>;
  };
  /** An authority's own wording of a notification; the built-in one applies where there is none. */
  notification_templates: {
    authority_id: string;
    event: NotificationEvent;
    channel: NotificationChannel;
    locale: Locale;
    subject: string;
    body: string;
    updated_by: string;
    updated_at: Generated<Date>;
  };
}
