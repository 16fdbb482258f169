import type { Generated } from 'kysely';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import type { MandateTheme } from '../mandates/index.ts';
import type { FormDefinition } from './definition.ts';

export interface FormsTables {
  forms: {
    id: Generated<string>;
    authority_id: string;
    name: string;
    latest_version: number;
    published_version: number | null;
    /** The mandate theme of the catalogue service the form serves (set when the service is published). */
    theme: MandateTheme | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  /** A version is a draft until published; published versions are never changed again. */
  form_versions: {
    form_id: string;
    version: number;
    definition: FormDefinition;
    saved_by: string;
    saved_at: Generated<Date>;
    published_at: Date | null;
  };
  form_drafts: {
    id: Generated<string>;
    form_id: string;
    version: number;
    account_id: string;
    person_id: string;
    mandate_id: string | null;
    answers: Record<string, unknown>;
    step: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    submitted_at: Date | null;
  };
  /** Exactly one per draft: a double click, a refresh or a resend finds the first. */
  form_submissions: {
    id: Generated<string>;
    /** The request's reference (`2026-000123`), given here so that it exists when the citizen is told it. */
    reference: Generated<string>;
    draft_id: string;
    form_id: string;
    version: number;
    account_id: string;
    person_id: string;
    mandate_id: string | null;
    level: AssuranceLevel;
    answers: Record<string, unknown>;
    submitted_at: Generated<Date>;
    /** The sealed receipt issued into the account's documents (by a job, moments after). */
    receipt_document_id: string | null;
  };
  form_files: {
    id: string;
    draft_id: string;
    name: string;
    type: string;
    size: number;
    /** Sealed with this master key; null for files stored before sealing began. */
    bytes: Buffer;
    key_id: string | null;
    created_at: Generated<Date>;
    /** Waiting for the malware scanner (configured but down): staff cannot open it meanwhile. */
    quarantined_at: Date | null;
    /** The scanner found malware: the bytes are gone, the answer says so. */
    infected_at: Date | null;
  };
}
