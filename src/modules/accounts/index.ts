export { type AccessEntry, listAccess, recordAccess } from './access-log.ts';
export { accountKindOf, accountOrganisationOf } from './account-kind.ts';
export {
  type AccountAccess,
  accountAccess,
  accountHeldBy,
  accountIdsOfSql,
  accountNames,
  accountSql,
  accountsNamedSql,
  accountsOfSql,
  ensurePersonalAccount,
  getAccount,
  listAccountsOf,
  membersOf,
  openProfessionalAccount,
  rememberAccountsOf,
} from './accounts.ts';
export {
  type NotificationChoices,
  type NotificationEvent,
  notificationChoices,
  notificationEvents,
  setNotificationChoices,
} from './notification-preferences.ts';
export type { AccessVia, NotificationChannel } from './tables.ts';
