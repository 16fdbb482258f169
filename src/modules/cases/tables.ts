import type { Generated } from 'kysely';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';
import type { Workflow } from './workflow.ts';

export interface CasesTables {
  cases: {
    id: Generated<string>;
    reference: string;
    authority_id: string;
    form_id: string;
    form_version: number;
    submission_id: string;
    title: LocalisedText;
    account_id: string;
    person_id: string;
    /** The representative's mandate, when someone acted for the account. */
    mandate_id: string | null;
    level: AssuranceLevel;
    answers: Record<string, unknown>;
    status: string;
    assignee_person_id: string | null;
    /** When the authority should have decided: overdue after it, while not decided. */
    due_at: Generated<Date>;
    created_at: Generated<Date>;
    status_changed_at: Generated<Date>;
    /** One more on every status change: what a clerk saw, compared when they act. */
    version: Generated<number>;
  };
  case_events: {
    id: Generated<string>;
    case_id: string;
    at: Generated<Date>;
    actor: string;
    actor_name: string;
    /** `payment`/`paid`: a fee asked on entering a status, and its settlement (text: the amount in centimes). */
    kind:
      | 'status'
      | 'assign'
      | 'note'
      | 'complement'
      | 'answer'
      | 'decision'
      | 'message'
      | 'payment'
      | 'paid'
      /** The fee a status asks could not be read from the answers: staff must see to it. */
      | 'feeUnknown';
    from_status: string | null;
    to_status: string | null;
    text: string | null;
    /** Internal notes and assignments are never shown to the citizen. */
    internal: boolean;
    document_id: string | null;
  };
  case_workflows: {
    form_id: string;
    definition: Workflow;
    updated_by: string;
    updated_at: Generated<Date>;
  };
}
