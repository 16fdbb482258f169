import type { Selectable } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { httpStatusError } from './permanent-failure.ts';
import type { NotificationsTables } from './tables.ts';

export type PushSubscriptionRow = Selectable<NotificationsTables['push_subscriptions']>;

export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const notifications = (db: Db) => tablesOf<NotificationsTables>(db);

// web-push and its ASN.1 and JWS libraries load with the first key or push, not at every start.
const webPush = async () => (await import('web-push')).default;

/** The VAPID key pair that identifies Guichet to push services; made on first use, then shared. */
export async function vapidKeys(db: Db): Promise<{ publicKey: string; privateKey: string }> {
  const stored = await notifications(db).selectFrom('vapid_keys').selectAll().executeTakeFirst();
  if (stored) return { publicKey: stored.public_key, privateKey: stored.private_key };
  const keys = (await webPush()).generateVAPIDKeys();
  await notifications(db)
    .insertInto('vapid_keys')
    .values({ id: 1, public_key: keys.publicKey, private_key: keys.privateKey })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return vapidKeys(db);
}

export function isBrowserSubscription(value: unknown): value is BrowserSubscription {
  const s = value as BrowserSubscription | undefined;
  return (
    typeof s?.endpoint === 'string' &&
    /^https?:\/\//.test(s.endpoint) &&
    typeof s.keys?.p256dh === 'string' &&
    typeof s.keys?.auth === 'string' &&
    /^[\w-]{80,100}$/.test(s.keys.p256dh) &&
    /^[\w-]{16,30}$/.test(s.keys.auth)
  );
}

/** Keeps a device's subscription for the person (a device subscribing again replaces its own). */
export async function savePushSubscription(
  db: Db,
  personId: string,
  subscription: BrowserSubscription,
  userAgent: string | undefined,
) {
  const values = {
    person_id: personId,
    endpoint: subscription.endpoint,
    p256dh: subscription.keys.p256dh,
    auth: subscription.keys.auth,
    user_agent: userAgent?.slice(0, 300) ?? null,
  };
  await audited(
    db,
    {
      actor: `person:${personId}`,
      action: 'notifications.push.subscribe',
      subjectType: 'person',
      subjectId: personId,
    },
    (tx) =>
      notifications(tx)
        .insertInto('push_subscriptions')
        .values(values)
        .onConflict((oc) => oc.column('endpoint').doUpdateSet(values))
        .execute(),
  );
}

export function listPushSubscriptions(db: Db, personId: string): Promise<PushSubscriptionRow[]> {
  return notifications(db)
    .selectFrom('push_subscriptions')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
}

export async function hasPushSubscription(db: Db, personId: string): Promise<boolean> {
  return (await listPushSubscriptions(db, personId)).length > 0;
}

export async function removePushSubscription(db: Db, personId: string, id: string): Promise<void> {
  await audited(
    db,
    {
      actor: `person:${personId}`,
      action: 'notifications.push.unsubscribe',
      subjectType: 'person',
      subjectId: personId,
    },
    (tx) =>
      notifications(tx)
        .deleteFrom('push_subscriptions')
        .where('person_id', '=', personId)
        .where('id', '=', id)
        .execute(),
  );
}

/**
 * Sends a push message to one subscription: encrypted for that device (RFC 8291) and signed with our
 * VAPID key (RFC 8292). A push service answering 404 or 410 means the device is gone: forget it.
 */
export async function sendPush(
  db: Db,
  subscription: PushSubscriptionRow,
  payload: object,
  contact: string,
): Promise<void> {
  const keys = await vapidKeys(db);
  const request = (await webPush()).generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    JSON.stringify(payload),
    {
      vapidDetails: { subject: contact, publicKey: keys.publicKey, privateKey: keys.privateKey },
      TTL: 86_400,
    },
  );
  const response = await fetch(request.endpoint, {
    method: request.method,
    headers: request.headers as Record<string, string>,
    body: request.body ? new Uint8Array(request.body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 404 || response.status === 410) {
    await notifications(db).deleteFrom('push_subscriptions').where('id', '=', subscription.id).execute();
    return;
  }
  if (!response.ok) throw httpStatusError('Push service', response.status);
}
