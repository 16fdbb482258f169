/**
 * What a person may send for a document field, decided from the content by the upload check. HEIC is
 * not offered: the `sharp` build here reads only AVIF among HEIF files (checked by a test), and phones'
 * pickers hand browsers a JPEG anyway.
 */
export type DocumentKind = 'pdf' | 'jpeg' | 'png';

export const documentKinds: DocumentKind[] = ['pdf', 'jpeg', 'png'];

export const kindNames: Record<DocumentKind, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG' };

/** A document as attached to the answers: always one PDF, its photos made into its pages. */
export interface AttachedDocument {
  fileId: string;
  name: string;
  type: 'application/pdf';
  size: number;
  pages: number;
}

export const defaults = { maxBytes: 10 * 1024 * 1024, maxPages: 10, maxDocuments: 10 };

/** What the runner shows of a capture besides the answer: pages waiting, a phone link just opened. */
export interface CaptureView {
  /** The draft's path, under which its pages are shown (`/forms/drafts/<id>`). */
  draftPath: string;
  pages: { id: string; hints: ('tooDark' | 'tooSmall' | 'blurred')[] }[];
  /** A phone link opened by this very post: the only time its token and code can be shown. */
  phone?: { link: string; codeUrl: string; code: string; qrSvg: string };
  /** The step's own page, to see what the phone sent without JavaScript. */
  reloadHref: string;
  /** A phone link is open for this field: the page waits for what it sends. */
  waiting: boolean;
}
