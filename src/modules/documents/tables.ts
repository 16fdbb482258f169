import type { Generated } from 'kysely';
import type { MandateTheme } from '../mandates/index.ts';
import type { DocumentCategory } from './categories.ts';

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
    first_read_at: Date | null;
    reminded_at: Date | null;
    deleted_at: Date | null;
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
