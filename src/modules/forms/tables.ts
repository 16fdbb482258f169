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
  /** Each option's label of each version, per language: kept by a trigger on `form_versions`. */
  form_choice_labels: {
    form_id: string;
    version: number;
    value: string;
    label: string;
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
  /** A "continue on your phone" link: one draft, one field, short-lived, single-use; only hashes kept. */
  form_capture_tokens: {
    id: Generated<string>;
    draft_id: string;
    field_id: string;
    token_hash: string;
    /** The short code typed instead of scanning; spent (null) once exchanged for a new link. */
    code_hash: string | null;
    expires_at: Date;
    used_at: Date | null;
    created_at: Generated<Date>;
  };
  /** Pages waiting to become one PDF: the draft's own (capture null) or a phone's, until it sends them. */
  form_capture_pages: {
    id: Generated<string>;
    draft_id: string;
    field_id: string;
    capture_id: string | null;
    position: number;
    /** The upright A4-sized JPEG, sealed with this master key. */
    bytes: Buffer;
    key_id: string;
    width: number;
    height: number;
    hints: string[];
    created_at: Generated<Date>;
  };
}
