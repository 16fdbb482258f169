import { createHash } from 'node:crypto';
import type { Platform } from '../../platform/module.ts';
import { checkUpload, publishDocument } from './documents.ts';
import { vaultOf } from './vault.ts';

/**
 * A file a person or an authority sends with a message or an answer, if any: checked, then kept in
 * the account's documents (told by the message itself, not announced). `'refused'` when the upload
 * check refuses it. The same file sent again under the same `scope` (a double click) is one document.
 */
export async function publishAttachment(
  platform: Platform,
  file: unknown,
  target: {
    accountId: string;
    authorityId: string;
    /** Shown before the file name in the document's title: a request's reference, a thread's subject. */
    titlePrefix: string;
    requestId?: string;
    scope: string;
    publishedBy: string;
  },
): Promise<{ documentId?: string } | 'refused'> {
  if (!(file instanceof File) || file.size === 0) return {};
  const bytes = Buffer.from(await file.arrayBuffer());
  if (typeof checkUpload(bytes) === 'string') return 'refused';
  const { document } = await publishDocument(await vaultOf(platform), {
    accountId: target.accountId,
    authorityId: target.authorityId,
    title: `${target.titlePrefix} – ${file.name}`.slice(0, 200),
    category: 'correspondence',
    theme: null,
    message: null,
    requestId: target.requestId ?? null,
    filename: file.name,
    bytes,
    idempotencyKey: `${target.scope}:${createHash('sha256').update(bytes).digest('hex')}`,
    publishedBy: target.publishedBy,
    announce: false,
  });
  return { documentId: document.id };
}
