import type { Generated } from 'kysely';

export type AccountKind = 'personal' | 'professional';
export type MemberRole = 'admin' | 'member';
export type NotificationChannel = 'email' | 'sms' | 'push';
/** On what right: the account's own people, a mandate, an authority's staff, its business application, the support desk. */
export type AccessVia = 'holder' | 'member' | 'mandate' | 'staff' | 'api' | 'support';

export interface AccountsTables {
  accounts: {
    id: Generated<string>;
    kind: AccountKind;
    /** The holder: a person for a personal account, an organisation for a professional one. */
    person_id: string | null;
    organisation_id: string | null;
    name: string;
    created_at: Generated<Date>;
  };
  notification_preferences: { account_id: string; event: string; channel: NotificationChannel };
  /** Accounts that chose their notifications (an empty choice is a choice too). */
  notification_preferences_set: { account_id: string; updated_at: Generated<Date> };
  /** Who consulted or did what in an account, and on what right: what the holder sees of others. */
  account_access_log: {
    id: Generated<string>;
    account_id: string;
    person_id: string;
    person_name: string;
    via: AccessVia;
    mandate_id: string | null;
    action: string;
    subject_type: string;
    subject_id: string;
    subject_label: string;
    at: Generated<Date>;
    /** The authority whose staff, application or support desk it was. */
    authority_id: string | null;
    /** The legal basis beyond `via`: the staff roles held then (`agent, authorityAdmin`). */
    basis: string | null;
  };
  account_members: {
    account_id: string;
    person_id: string;
    role: MemberRole;
    added_at: Generated<Date>;
  };
}
