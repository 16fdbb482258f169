import type { Generated } from 'kysely';
import type { Locale } from '../../../platform/i18n/locales.ts';
import type { IssuedContent, IssuedType, OwnLayout } from './content.ts';

/** The issuance register: one row per document Guichet issued, never deleted. */
export interface IssuingTables {
  issued_documents: {
    id: Generated<string>;
    serial: string;
    type: IssuedType;
    authority_id: string;
    account_id: string;
    subject_kind: 'person' | 'organisation';
    subject_name: string;
    language: Locale;
    /** What it says, kept so that the sealing job lays it out again (the unsealed copy is not kept). */
    content: IssuedContent;
    /** The QR code's payload printed on it (signed when issued). */
    qr_payload: string;
    /** SHA-256 (hex) of the canonical content, which the QR code carries. */
    content_sha256: string;
    /** SHA-256 (hex) of the sealed PDF, once sealed. */
    sha256: string | null;
    issued_at: Date;
    valid_until: Date | null;
    sealed_at: Date | null;
    revoked_at: Date | null;
    revocation_reason: string | null;
    revoked_by: string | null;
    request_id: string | null;
    document_id: string;
    /** A layout of the issuing module's own (`OwnLayout`), drawn again when sealing; null: Guichet's. */
    layout: OwnLayout | null;
  };
}
