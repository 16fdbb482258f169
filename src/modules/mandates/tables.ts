import type { Generated } from 'kysely';

export const mandateThemes = [
  'tax',
  'debtCollection',
  'healthRegister',
  'narcotics',
  'authorisations',
  'communal',
] as const;
export type MandateTheme = (typeof mandateThemes)[number];

export function isMandateTheme(value: unknown): value is MandateTheme {
  return typeof value === 'string' && (mandateThemes as readonly string[]).includes(value);
}

export const mandatePermissions = ['consult', 'submit', 'receive', 'pay'] as const;
export type MandatePermission = (typeof mandatePermissions)[number];

export type MandateState = 'requested' | 'proposed' | 'active' | 'declined' | 'revoked' | 'given_up';

export interface MandatesTables {
  mandates: {
    id: Generated<string>;
    principal_account_id: string;
    agent_person_id: string | null;
    agent_account_id: string | null;
    /**
     * An agent given the mandate before they came: a person by AVS number, or an organisation by UID;
     * with the family name typed, or the organisation's name in the commercial register.
     */
    awaited_avs: string | null;
    awaited_uid: string | null;
    awaited_name: string | null;
    themes: MandateTheme[];
    permissions: MandatePermission[];
    valid_from: string;
    valid_to: string | null;
    may_delegate: Generated<boolean>;
    parent_id: string | null;
    state: MandateState;
    initiated_by: 'principal' | 'agent';
    created_at: Generated<Date>;
    decided_at: Date | null;
  };
  mandate_approvals: {
    mandate_id: string;
    person_id: string;
    signature: 'single' | 'joint' | 'holder';
    approved_at: Generated<Date>;
  };
}
