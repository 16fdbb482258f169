import type { Generated } from 'kysely';

/** What is counted; nothing in a row says who. */
export type IndicatorKind =
  | 'page_viewed'
  | 'form_started'
  | 'step_reached'
  | 'form_completed'
  | 'submitted'
  | 'decided'
  | 'ended'
  | 'paid'
  | 'document_opened';

export interface IndicatorsTables {
  indicator_events: {
    id: Generated<string>;
    /** The emitted event's id, so that a retried job counts it once. */
    event_id: string | null;
    occurred_at: Date;
    authority_id: string;
    form_id: string | null;
    kind: IndicatorKind;
    /**
     * A one-way hash of the draft or request the row belongs to: it ties a journey's steps together
     * (abandonment) and a decision to its submission (overdue), and names nobody.
     */
    link: string | null;
    /** The step reached (1 = first), for `step_reached`. */
    step: number | null;
    /** How the request came in, for `submitted`. */
    channel: 'online' | 'staff' | null;
    /** Submission to decision, for `decided`. */
    seconds: number | null;
    /** When the authority should have decided, for `submitted`. */
    due_at: Date | null;
    amount_cents: string | null;
  };
  satisfaction_answers: {
    id: Generated<string>;
    /** A one-way hash of the submission: one answer each. */
    link: string;
    authority_id: string;
    form_id: string;
    rating: number;
    comment: string | null;
    answered_at: Generated<Date>;
  };
}
