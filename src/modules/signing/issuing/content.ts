import type { Locale } from '../../../platform/i18n/locales.ts';

/** The kinds of document Guichet issues; each prints its kind and is checked as such. */
export const issuedTypes = ['decision', 'letter', 'receipt', 'bill', 'extract', 'authorisation'] as const;
export type IssuedType = (typeof issuedTypes)[number];

export interface IssuedField {
  label: string;
  value: string;
}

/**
 * What an issued document says, already in its language: the issuing module words it, the issuing
 * function lays it out the same way for every document (authority, recipient, title, body, seal notes).
 */
export interface IssuedContent {
  title: string;
  recipient: string;
  /** Paragraphs of running text. */
  paragraphs: string[];
  /** Labelled values (a receipt's answers, an extract's findings), in groups with an optional heading. */
  sections: Array<{ heading?: string; fields: IssuedField[] }>;
}

/**
 * The printed fields a QR code signs, for a verifier to compare with the paper: one-letter keys keep
 * the code small (a low QR version), and the verification page names them in the reader's language.
 * n: name, b: date of birth (ISO), r: reference of the request, o: outcome in words.
 */
export type VerifierFields = Partial<Record<'n' | 'b' | 'r' | 'o', string>>;

/** Who or what a document is about: a person or an organisation (an account of either kind). */
export interface IssuedSubject {
  kind: 'person' | 'organisation';
  name: string;
}

export interface IssuedDocument {
  id: string;
  serial: string;
  type: IssuedType;
  authorityId: string;
  accountId: string;
  subject: IssuedSubject;
  language: Locale;
  issuedAt: Date;
  validUntil: Date | null;
  /** SHA-256 (hex) of the sealed PDF; null while it is being sealed. */
  sha256: string | null;
  status: 'sealing' | 'valid' | 'revoked';
  revokedAt: Date | null;
  revocationReason: string | null;
  requestId: string | null;
  documentId: string;
}

/**
 * A layout an issuing module draws itself, by name, from data it keeps JSON: the function that draws it
 * is handed to the signing module by the composition (`signingModule({ layouts })`), since signing sits
 * below the modules that issue such documents.
 */
export interface OwnLayout {
  kind: string;
  data: unknown;
}

/** Draws a document of an issuing module's own layout; the same data must give the same document. */
export type LayoutRenderer = (data: unknown) => Promise<Buffer>;
