import type { Generated } from 'kysely';
import type { RawRow, StatementRow } from './statement-rows.ts';

export type StatementStatus = 'draft' | 'awaitingSignOff' | 'filed';

/** The narcotics statements service's own tables (see its migration). */
export interface NarcoticsTables {
  narcotics_statements: {
    id: Generated<string>;
    /** The authority that receives the statements (the one whose catalogue entry runs the service). */
    authority_id: string;
    pharmacy_uid: string;
    pharmacy_name: string;
    /** The pharmacy's professional account; null for a month the register handed in (before the portal). */
    account_id: string | null;
    /** `YYYY-MM` */
    month: string;
    status: StatementStatus;
    /** Cells as typed while a draft (nothing lost), checked lines once filed. */
    rows: RawRow[] | StatementRow[];
    source: 'portal' | 'register';
    prepared_by: string | null;
    signed_off_by: string | null;
    signed_off_name: string | null;
    filed_at: Date | null;
    updated_at: Generated<Date>;
  };
  /** Who signs off a pharmacy's statements, named by the pharmacy. */
  narcotics_pharmacies: {
    account_id: string;
    responsible_person_id: string;
    named_by: string;
    named_at: Generated<Date>;
  };
  /** The cantonal pharmacist's settings of the controls. */
  narcotics_settings: {
    authority_id: string;
    dose_jump_percent: number;
    deadline_day: number;
  };
  /** Each reminder sent for a missing month, once per pharmacy and month. */
  narcotics_reminders: {
    authority_id: string;
    pharmacy_uid: string;
    month: string;
    account_id: string | null;
    sent_at: Generated<Date>;
  };
}
