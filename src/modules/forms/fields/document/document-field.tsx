import type { BaseField, FieldKind } from '../field-kind.ts';
import { typed } from '../shared/posted.ts';
import { DocumentInput } from './document-input.tsx';
import {
  type AttachedDocument,
  type DocumentKind,
  defaults,
  documentKinds,
  kindNames,
} from './document-kinds.ts';
import { DocumentOptions, readDocumentOptions } from './document-options.tsx';

export interface DocumentField extends BaseField<'document'> {
  /** What may be sent (photos become PDF pages); all when absent. */
  accept?: DocumentKind[];
  /** The largest file sent, in bytes. */
  maxBytes?: number;
  maxPages?: number;
  /** Several documents (e.g. every diploma), or one. */
  multiple?: boolean;
  /** A text document: its photos are made grayscale (smaller, often more legible). */
  grayscale?: boolean;
}

const isDocument = (value: unknown): value is AttachedDocument => {
  const d = value as Record<string, unknown> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.fileId === 'string' &&
    typeof d.name === 'string' &&
    d.type === 'application/pdf' &&
    Number.isInteger(d.pages) &&
    (d.pages as number) >= 1
  );
};

export const maxDocumentsOf = (field: DocumentField) => (field.multiple ? defaults.maxDocuments : 1);

/**
 * A document the person captures: files chosen or dropped, photos taken page after page (here or on
 * their phone), made into one PDF per document. The runner's route stores what is sent (`withFiles`
 * and the capture routes); the answer is the list of documents attached.
 */
export const documentField: FieldKind<DocumentField> = {
  type: 'document',
  name: { fr: 'Document (scan ou photo)', de: 'Dokument (Scan oder Foto)', en: 'Document (scan or photo)' },
  asks: true,
  hasValue: true,
  requiredInSchema: true,
  inGroup: false,
  prefillable: false,
  multilineLabel: false,
  starter: () => ({}),
  examples: {
    valid: [[{ fileId: 'f1', name: 'diplome.pdf', type: 'application/pdf', size: 1200, pages: 2 }]],
    invalid: [
      [{ fileId: 'f1', name: 'photo.jpg', type: 'image/jpeg', size: 1200, pages: 1 }],
      [{ fileId: 'f1', name: 'long.pdf', type: 'application/pdf', size: 1200, pages: 11 }],
      [
        { fileId: 'f1', name: 'a.pdf', type: 'application/pdf', size: 1, pages: 1 },
        { fileId: 'f2', name: 'b.pdf', type: 'application/pdf', size: 1, pages: 1 },
      ],
      { fileId: 'f1', name: 'a.pdf', type: 'application/pdf', size: 1, pages: 1 },
    ],
  },
  problems: (field) =>
    field.accept && (field.accept.length === 0 || field.accept.some((kind) => !documentKinds.includes(kind)))
      ? [`accept:${field.id}`]
      : [],
  // Documents are attached by the routes; a post only removes one, by its button.
  parse(_field, posted, name, previous) {
    const documents = Array.isArray(previous) ? (previous as AttachedDocument[]) : [];
    const action = typed(posted, 'action') ?? '';
    const removed = action.startsWith(`removeDocument:${name}:`) ? Number(action.split(':')[2]) : -1;
    const kept = documents.filter((_, i) => i !== removed);
    return kept.length > 0 ? kept : undefined;
  },
  check(field, value) {
    if (!Array.isArray(value) || !value.every(isDocument)) return 'fileType';
    if (value.length > maxDocumentsOf(field)) return 'tooManyDocuments';
    if (value.some((d) => d.pages > (field.maxPages ?? defaults.maxPages))) return 'tooManyPages';
    return undefined;
  },
  display: (_field, value) =>
    (value as AttachedDocument[]).map((d) => `${d.name} (${d.pages} p.)`).join(', '),
  schema: (field) => ({
    type: 'array',
    minItems: 1,
    maxItems: maxDocumentsOf(field),
    items: {
      type: 'object',
      required: ['fileId', 'name', 'type', 'pages'],
      properties: {
        fileId: { type: 'string' },
        name: { type: 'string' },
        type: { const: 'application/pdf' },
        size: { type: 'integer' },
        pages: { type: 'integer', minimum: 1, maximum: field.maxPages ?? defaults.maxPages },
      },
    },
  }),
  fileOf: (value) => (value as AttachedDocument[])[0]?.fileId,
  filesOf: (value) => (value as AttachedDocument[]).map((d) => ({ fileId: d.fileId, name: d.name })),
  Input: DocumentInput,
  Options: DocumentOptions,
  readOptions: readDocumentOptions,
};

/** The kinds a field accepts, as people read them ("PDF, JPEG, PNG"). */
export const acceptedNames = (field: DocumentField) =>
  (field.accept ?? documentKinds).map((kind) => kindNames[kind]).join(', ');
