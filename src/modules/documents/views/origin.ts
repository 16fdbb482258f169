import type { DocumentRow } from '../documents.ts';
import type { documentMessages } from '../messages.ts';

/** The person looking at a document: whether they sent it, and whether they act for someone else. */
export interface Viewer {
  personId: string;
  underMandate: boolean;
}

/**
 * Where a document comes from, said from the viewer's side: issued by its authority, or sent to it by
 * the viewer, their representative, or another person of the account.
 */
export function originText(
  t: ReturnType<typeof documentMessages.translator>,
  document: Pick<DocumentRow, 'sent_by_person_id' | 'sent_by_name' | 'sent_by_mandate_id'>,
  viewer: Viewer,
  authority: string,
): string {
  const name = document.sent_by_name ?? '';
  if (!document.sent_by_person_id) return t('originAuthority', { authority });
  if (document.sent_by_person_id === viewer.personId) return t('originYou', { authority });
  if (!document.sent_by_mandate_id) return t('originPerson', { name, authority });
  // Only the represented side has "your" representative; another agent sees a representative.
  return t(viewer.underMandate ? 'originRepresentative' : 'originYourRepresentative', { name, authority });
}
