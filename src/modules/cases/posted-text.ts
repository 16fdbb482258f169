import { loggedInPerson, type RouteContext } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import {
  type AcceptedUpload,
  documentKinds,
  readUploads,
  refusalMessage,
  safeFileName,
} from '../../platform/uploads/index.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { maxDocumentBytes, publishAttachment } from '../documents/index.ts';
import { photosToPdf } from '../forms/index.ts';
import type { Case, CaseActor } from './cases.ts';
import { caseMessages } from './messages.ts';

export type Posted = Record<string, string | File>;

/** Photos of a document's pages sent at once (the same capture as a form's document field). */
const maxPages = 10;

/**
 * What is attached: one file as sent, or several photos of pages made into one PDF like a document
 * field's; a mix of PDFs and photos, or several PDFs, is sent back.
 */
async function oneDocument(
  files: AcceptedUpload[],
  reference: string,
): Promise<AcceptedUpload | undefined | 'mixed' | 'scanner-unavailable'> {
  const [first] = files;
  if (!first || files.length === 1) return first;
  if (files.some((file) => file.kind === 'pdf')) return 'mixed';
  // Photos are decoded to become pages: never before the scanner has seen them.
  if (files.some((file) => file.scan === 'pending')) return 'scanner-unavailable';
  const { bytes } = await photosToPdf(
    files.map((file) => file.bytes),
    { title: reference },
  );
  return {
    field: first.field,
    sentName: first.sentName,
    name: safeFileName(first.name, 'pdf'),
    kind: 'pdf',
    mime: 'application/pdf',
    bytes,
    scan: 'clean',
  };
}

/** The person acting, as the request's timeline names them. */
export function caseActorOf(c: RouteContext): CaseActor {
  const actor = loggedInPerson(c);
  return { ref: `person:${actor.id}`, name: actor.displayName };
}

/** A posted text, trimmed and bounded. */
export const postedText = (posted: Posted, name = 'text') =>
  typeof posted[name] === 'string' ? (posted[name] as string).trim().slice(0, 5000) : '';

/** The version of the request the page the form came from showed; without one, the request as read now. */
export function seenVersion(posted: Posted, item: Case): number {
  const value = typeof posted.version === 'string' ? Number.parseInt(posted.version, 10) : Number.NaN;
  return Number.isInteger(value) ? value : item.version;
}

/**
 * The text of a complement or a message and the file sent with it, kept in the requester's
 * documents (as sent by the requester's side or issued by the authority) and linked to the request; or what to tell the sender, with their text given back.
 */
export async function textAndFile(
  platform: Platform,
  c: RouteContext,
  item: Case,
  field: 'complement' | 'message',
  from: 'requester' | 'authority',
): Promise<{ text: string; documentId?: string } | { errors: FieldError[]; kept: Record<string, string> }> {
  const read = await readUploads(c, {
    maxBytes: maxDocumentBytes,
    maxFiles: maxPages,
    accepted: documentKinds,
  });
  const value = postedText(read.fields as Posted);
  const t = caseMessages.translator(c.var.locale);
  // A refused file is not stored; the text comes back to be sent again with another file.
  if ('refused' in read)
    return {
      errors: [{ field: `${field}-file`, message: refusalMessage(read.refused, c.var.locale) }],
      kept: { [field]: value },
    };
  if (!value) return { errors: [{ field, message: t('textMissing') }], kept: {} };
  const file = await oneDocument(read.files, item.reference);
  if (typeof file === 'string')
    return {
      errors: [
        {
          field: `${field}-file`,
          message:
            file === 'scanner-unavailable'
              ? refusalMessage({ code: file }, c.var.locale)
              : t('onePdfOrPhotos'),
        },
      ],
      kept: { [field]: value },
    };
  const attached = await publishAttachment(platform, file, {
    accountId: item.account_id,
    authorityId: item.authority_id,
    titlePrefix: item.reference,
    requestId: item.id,
    // A form sent twice (a double click, a retry) keeps one document.
    scope: `${field}:${item.id}`,
    publishedBy: caseActorOf(c).ref,
    from: from === 'authority' ? 'authority' : loggedInPerson(c),
  });
  return { text: value, documentId: attached.documentId };
}
