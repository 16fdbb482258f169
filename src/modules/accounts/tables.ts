import type { Generated } from 'kysely';

export type AccountKind = 'personal' | 'professional';
export type MemberRole = 'admin' | 'member';

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
  account_members: {
    account_id: string;
    person_id: string;
    role: MemberRole;
    added_at: Generated<Date>;
  };
}
