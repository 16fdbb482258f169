import type { Generated } from 'kysely';

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
}
