import type { Db } from '../../platform/database/database.ts';
import type { AcceptedUpload } from '../../platform/uploads/index.ts';
import { isDocumentCategory } from './categories.ts';
import type { documentMessages } from './messages.ts';
import { findRecipient, type Recipient, type RecipientQuery } from './recipients.ts';

type MessageKey = Parameters<ReturnType<typeof documentMessages.translator>>[0];

/** What is wrong with one publication: the form field to point at and the message key that says why. */
export type PublicationProblem = { field: string; problem: MessageKey };

/** Checks one publication's fields, whichever way it came (form, batch row, API). */
export async function checkPublication(
  db: Db,
  fields: {
    recipient: RecipientQuery | undefined;
    title: string;
    category: string;
    /** As `readUploads` accepted it (checked and scanned). */
    file: AcceptedUpload | undefined;
  },
): Promise<{ problems: PublicationProblem[]; recipient: Recipient | undefined }> {
  const problems: PublicationProblem[] = [];
  let recipient: Awaited<ReturnType<typeof findRecipient>> | undefined;
  if (!fields.recipient) problems.push({ field: 'recipientBy', problem: 'recipientMissing' });
  else {
    recipient = await findRecipient(db, fields.recipient);
    if (typeof recipient === 'string')
      problems.push({
        field: fields.recipient.kind === 'name' ? 'givenNames' : fields.recipient.kind,
        problem: recipient,
      });
  }
  if (!fields.title || fields.title.length > 200) problems.push({ field: 'title', problem: 'titleMissing' });
  if (!isDocumentCategory(fields.category)) problems.push({ field: 'category', problem: 'categoryMissing' });
  if (!fields.file) problems.push({ field: 'file', problem: 'fileMissing' });
  return { problems, recipient: typeof recipient === 'object' ? recipient : undefined };
}
