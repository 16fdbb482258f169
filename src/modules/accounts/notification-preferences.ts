import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { AccountsTables, NotificationChannel } from './tables.ts';

/** The events an account can be told about; the notifications module sends them. */
export const notificationEvents = [
  'newDocument',
  'newMessage',
  'requestStatus',
  'paymentDue',
  'mandateToApprove',
  'mandateChanged',
  'draftExpiring',
  'statementDue',
] as const;
export type NotificationEvent = (typeof notificationEvents)[number];
export const notificationChannels: NotificationChannel[] = ['email', 'sms', 'push'];

export type NotificationChoices = Record<NotificationEvent, NotificationChannel[]>;

/** Until the account chooses, every event is told by e-mail: nothing awaiting goes unnoticed. */
const defaults: NotificationChoices = Object.fromEntries(
  notificationEvents.map((e) => [e, ['email']]),
) as NotificationChoices;

export async function notificationChoices(db: Db, accountId: string): Promise<NotificationChoices> {
  const accounts = tablesOf<AccountsTables>(db);
  const chosen = await accounts
    .selectFrom('notification_preferences_set')
    .select('account_id')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!chosen) return structuredClone(defaults);
  const rows = await accounts
    .selectFrom('notification_preferences')
    .select(['event', 'channel'])
    .where('account_id', '=', accountId)
    .execute();
  const choices = Object.fromEntries(
    notificationEvents.map((e) => [e, [] as NotificationChannel[]]),
  ) as NotificationChoices;
  for (const row of rows) if (row.event in choices) choices[row.event as NotificationEvent].push(row.channel);
  return choices;
}

/** Replaces the account's choices as a whole; audited with the new matrix. */
export async function setNotificationChoices(
  db: Db,
  actor: string,
  accountId: string,
  choices: NotificationChoices,
): Promise<void> {
  await audited(
    db,
    {
      actor,
      action: 'account.notifications.update',
      subjectType: 'account',
      subjectId: accountId,
      details: { choices },
    },
    async (tx) => {
      const accounts = tablesOf<AccountsTables>(tx);
      await accounts.deleteFrom('notification_preferences').where('account_id', '=', accountId).execute();
      const rows = notificationEvents.flatMap((event) =>
        choices[event].map((channel) => ({ account_id: accountId, event, channel })),
      );
      if (rows.length > 0) await accounts.insertInto('notification_preferences').values(rows).execute();
      await accounts
        .insertInto('notification_preferences_set')
        .values({ account_id: accountId })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ updated_at: new Date() }))
        .execute();
    },
  );
}
