import { sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import { tablesOf } from '../../platform/database/database.ts';
import { hitRateLimit, type RateLimitRule } from '../../platform/http/rate-limit.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import type { Platform } from '../../platform/module.ts';
import type { DeliveryReport } from '../../platform/sms/sms-gateway.ts';
import {
  getAccount,
  membersOf,
  type NotificationChannel,
  type NotificationEvent,
  notificationChoices,
} from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { getPerson } from '../identity/index.ts';
import { isPermanentFailure } from './permanent-failure.ts';
import { listPushSubscriptions, sendPush } from './push-subscriptions.ts';
import type { NotificationsTables } from './tables.ts';
import { render, templateFor } from './templates.ts';

const tables = (db: Db) => tablesOf<NotificationsTables>(db);

export interface NotificationRequest {
  event: NotificationEvent;
  /** The account in which something awaits. */
  accountId: string;
  /** Who it comes from: its wording and name; null for the platform itself. */
  authorityId: string | null;
  /** Where it awaits, a path in the portal. */
  link: string;
  /** What caused it (`document:<id>`): notifying again for the same source does nothing. */
  source: string;
  /** The reference of the request it is about: notifications name it (never its content). */
  reference?: string | null;
  /** People told besides the account's own, e.g. agents whose mandate covers the matter. */
  alsoTell?: string[];
  /** Only these people instead of the account's (e.g. the other side of a mandate). */
  people?: string[];
}

/**
 * Records the notification of each person concerned and one delivery per channel they chose, and
 * enqueues the deliveries — all in the caller's transaction, so that the event and its notification
 * are committed together: nothing is announced that did not happen, nothing that happened goes untold.
 */
export async function notify(tx: Db, request: NotificationRequest): Promise<number> {
  const people = new Set([
    ...(request.people ?? (await membersOf(tx, request.accountId))),
    ...(request.alsoTell ?? []),
  ]);
  const channels = (await notificationChoices(tx, request.accountId))[request.event];
  let created = 0;
  for (const personId of people) {
    const person = await getPerson(tx, personId);
    if (!person) continue;
    const locale = person.notification_language ?? person.preferred_language;
    const inserted = await tables(tx)
      .insertInto('notifications')
      .values({
        event: request.event,
        account_id: request.accountId,
        person_id: personId,
        authority_id: request.authorityId,
        link: request.link,
        source: request.source,
        reference: request.reference ?? null,
        locale,
      })
      .onConflict((oc) => oc.columns(['source', 'person_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) continue; // already told
    created += 1;
    const addresses: { channel: NotificationChannel; address: string }[] = [];
    if (channels.includes('email') && person.email && person.email_verified_at)
      addresses.push({ channel: 'email', address: person.email });
    if (channels.includes('sms') && person.mobile && person.mobile_verified_at)
      addresses.push({ channel: 'sms', address: person.mobile });
    if (channels.includes('push'))
      for (const subscription of await listPushSubscriptions(tx, personId))
        addresses.push({ channel: 'push', address: subscription.id });
    for (const { channel, address } of addresses) {
      const delivery = await tables(tx)
        .insertInto('notification_deliveries')
        .values({ notification_id: inserted.id, channel, address, last_error: null, sent_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueue(tx, 'notifications:deliver', { deliveryId: delivery.id });
    }
  }
  return created;
}

/** How many messages one address may receive per channel and hour: a runaway loop cannot spam anyone. */
export const channelLimits: Record<NotificationChannel, RateLimitRule> = {
  email: { bucket: 'notify-email', limit: 30, windowSeconds: 3600 },
  sms: { bucket: 'notify-sms', limit: 10, windowSeconds: 3600 },
  push: { bucket: 'notify-push', limit: 30, windowSeconds: 3600 },
};

/**
 * Sends one delivery. A delivery already sent is not sent again (a job retried after a crash between
 * sending and recording would otherwise repeat it, as would a duplicate job). On failure the job
 * fails and graphile-worker retries it with exponential back-off (docs/reliability.md); the last attempt,
 * or a permanent refusal (`isPermanentFailure`), marks it failed.
 */
export async function deliver(
  platform: Platform,
  deliveryId: string,
  attempt: { number: number; max: number },
  now = new Date(),
): Promise<void> {
  const { db } = platform;
  const delivery = await tables(db)
    .selectFrom('notification_deliveries')
    .innerJoin('notifications', 'notifications.id', 'notification_deliveries.notification_id')
    .selectAll('notification_deliveries')
    .select([
      'notifications.event',
      'notifications.account_id',
      'notifications.authority_id',
      'notifications.link',
      'notifications.reference',
      'notifications.locale',
      'notifications.person_id',
    ])
    .where('notification_deliveries.id', '=', deliveryId)
    .executeTakeFirst();
  if (delivery?.status !== 'pending') return;
  const wait = await hitRateLimit(db, channelLimits[delivery.channel], delivery.address, now);
  if (wait > 0) {
    await enqueue(
      db,
      'notifications:deliver',
      { deliveryId },
      { runAt: new Date(now.getTime() + wait * 1000) },
    );
    return;
  }
  const locale = delivery.locale as Locale;
  const authority = delivery.authority_id ? await getAuthorityById(db, delivery.authority_id) : undefined;
  const message = render(
    await templateFor(db, {
      authorityId: delivery.authority_id,
      event: delivery.event,
      channel: delivery.channel,
      locale,
    }),
    {
      authority: authority ? pick(authority.names, locale, authority.languages) : 'Guichet',
      account: (await getAccount(db, delivery.account_id))?.name ?? '',
      event: delivery.event,
      reference: delivery.reference,
      link: `${platform.config.publicUrl}${delivery.link}`,
      locale,
    },
  );
  try {
    await send(platform, delivery, message);
  } catch (error) {
    const permanent = isPermanentFailure(error);
    const final = permanent || attempt.number >= attempt.max;
    await tables(db)
      .updateTable('notification_deliveries')
      .set({
        attempts: sql`attempts + 1`,
        last_error: `${permanent ? 'permanent: ' : ''}${String(error)}`.slice(0, 500),
        status: final ? 'failed' : 'pending',
        updated_at: sql`now()`,
      })
      .where('id', '=', deliveryId)
      .execute();
    // A refusal that will not change is not asked again: the job ends, the delivery says why.
    if (permanent) return;
    throw error;
  }
  await tables(db)
    .updateTable('notification_deliveries')
    .set({
      attempts: sql`attempts + 1`,
      status: 'sent',
      sent_at: now,
      last_error: null,
      updated_at: sql`now()`,
    })
    .where('id', '=', deliveryId)
    .where('status', '=', 'pending') // a delivery report may have come first
    .execute();
}

async function send(
  platform: Platform,
  delivery: { id: string; channel: NotificationChannel; address: string; person_id: string; link: string },
  message: { subject: string; body: string },
): Promise<void> {
  switch (delivery.channel) {
    case 'email': {
      const escapeHtml = (text: string) =>
        text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      const html = message.body
        .split('\n\n')
        .map(
          (p) =>
            `<p>${escapeHtml(p)
              .replace(/(https?:\/\/\S+)/g, '<a href="$1">$1</a>')
              .replace(/\n/g, '<br>')}</p>`,
        )
        .join('');
      await platform.mailer.send({
        to: delivery.address,
        subject: message.subject,
        text: message.body,
        html: `<!DOCTYPE html><html><body>${html}</body></html>`,
        // The same id on every attempt: a mail system that got it twice can tell.
        messageId: `<${delivery.id}@guichet>`,
      });
      return;
    }
    case 'sms':
      // The delivery id as reference: the gateway drops a repeated reference instead of sending twice.
      await platform.sms.send({ to: delivery.address, text: message.body, reference: delivery.id });
      return;
    case 'push': {
      const subscription = (await listPushSubscriptions(platform.db, delivery.person_id)).find(
        (s) => s.id === delivery.address,
      );
      if (!subscription) return; // the device was removed meanwhile: nothing to send to
      await sendPush(
        platform.db,
        subscription,
        { title: message.subject, body: message.body, url: delivery.link },
        // VAPID wants a URL to reach the sender by: our mail address.
        `mailto:${platform.config.mailFrom.match(/<([^>]+)>/)?.[1] ?? platform.config.mailFrom}`,
      );
      return;
    }
  }
}

/**
 * What the SMS network said of a message: it reached the phone, or the number is out of service
 * (`bounced`, with the reason). A report may overtake our own "sent" mark.
 */
export async function recordDeliveryReport(db: Db, report: DeliveryReport): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/.test(report.reference)) return false;
  const updated = await tables(db)
    .updateTable('notification_deliveries')
    .set({
      status: report.status === 'delivered' ? 'delivered' : 'bounced',
      last_error: report.status === 'delivered' ? null : 'undeliverable',
      updated_at: sql`now()`,
    })
    .where('id', '=', report.reference)
    .where('channel', '=', 'sms')
    .where('status', 'in', ['pending', 'sent'])
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

/** A person's notifications in one account, newest first. */
export async function listNotifications(db: Db, personId: string, accountId: string, limit = 50) {
  return tables(db)
    .selectFrom('notifications')
    .select([
      'id',
      'event',
      'link',
      'reference',
      'authority_id as authorityId',
      'created_at as createdAt',
      'read_at as readAt',
    ])
    .where('person_id', '=', personId)
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function countUnread(db: Db, personId: string, accountId: string): Promise<number> {
  const row = await tables(db)
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId)
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(db: Db, personId: string, accountId: string): Promise<void> {
  await tables(db)
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('person_id', '=', personId)
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .execute();
}

/** Delivery states of the notifications a source caused, for the sender's records. */
export async function deliveriesOf(db: Db, source: string) {
  return tables(db)
    .selectFrom('notification_deliveries')
    .innerJoin('notifications', 'notifications.id', 'notification_deliveries.notification_id')
    .select([
      'notification_deliveries.channel',
      'notification_deliveries.status',
      'notification_deliveries.attempts',
      'notifications.person_id as personId',
    ])
    .where('notifications.source', '=', source)
    .execute();
}
