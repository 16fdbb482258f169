import type { Generated } from 'kysely';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import type { MandateTheme } from '../mandates/index.ts';
import type { DocumentCategory } from './categories.ts';

/** The right a reader had: only a holder's or a member's reading is the recipient's. */
export type ReaderVia = 'holder' | 'member' | 'mandate';

export interface DocumentsTables {
  documents: {
    id: string;
    account_id: string;
    authority_id: string;
    title: string;
    category: DocumentCategory;
    /** The mandate theme an agent needs to see it; null: only the account's own people. */
    theme: MandateTheme | null;
    message: string | null;
    request_id: string | null;
    filename: string;
    content_type: string;
    size: number;
    sha256: string;
    /** The document's key sealed by master key `key_id`; null once deleted (crypto-shredded). */
    wrapped_key: Buffer | null;
    key_id: string | null;
    issued_on: Generated<string>;
    retain_until: string;
    published_by: string;
    idempotency_key: string;
    created_at: Generated<Date>;
    /** Set when the account's own people sent it (a complement, a message's file); null: issued by the authority. */
    sent_by_person_id: string | null;
    sent_by_name: string | null;
    /** The mandate the sender acted under, when a representative sent it. */
    sent_by_mandate_id: string | null;
    reminded_at: Date | null;
    deleted_at: Date | null;
    /** Issued by Guichet and not sealed yet: listed, not handed out (see `completeSealing`). */
    awaiting_seal: Generated<boolean>;
    /** Set when its issuer revoked it, with the reason the holder reads. */
    revoked_at: Date | null;
    revocation_reason: string | null;
    /** Waiting for the malware scanner (configured but down): shown to nobody until found clean. */
    quarantined_at: Date | null;
    /** The level of assurance a session needs to open it (a receipt: its service's). */
    level: Generated<AssuranceLevel>;
  };
  /** Who read which document, first when, and on what right: "unread" is per person. */
  document_reads: {
    document_id: string;
    person_id: string;
    via: ReaderVia;
    read_at: Generated<Date>;
  };
  document_blobs: { key: string; bytes: Buffer };
  /** Unread documents the authority should send on paper. */
  document_postal_fallbacks: {
    document_id: string;
    authority_id: string;
    created_at: Generated<Date>;
    done_at: Date | null;
    done_by: string | null;
  };
}
