import { createHash } from 'node:crypto';
import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { Platform } from '../../platform/module.ts';
import type { AcceptedUpload } from '../../platform/uploads/index.ts';
import { recordAccess } from '../accounts/index.ts';
import { can } from '../policy/index.ts';
import { publishDocument, type Sender } from './documents.ts';
import { vaultOf } from './vault.ts';

/**
 * A file a person or an authority sends with a message or an answer, if any, as `readUploads` accepted
 * it: kept in the account's documents (told by the message itself, not announced), quarantined while
 * the scanner has not seen it. The same file sent again under the same `scope` (a double click) is one
 * document.
 */
export async function publishAttachment(
  platform: Platform,
  file: AcceptedUpload | undefined,
  target: {
    accountId: string;
    authorityId: string;
    /** Shown before the file name in the document's title: a request's reference, a thread's subject. */
    titlePrefix: string;
    requestId?: string;
    scope: string;
    publishedBy: string;
    /** Who the file comes from: the authority, or a person acting in the account (even for someone). */
    from: 'authority' | PersonActor;
  },
): Promise<{ documentId?: string }> {
  if (!file) return {};
  const { bytes } = file;
  const sentBy =
    target.from === 'authority' ? undefined : await senderOf(platform.db, target.from, target.accountId);
  const { document, created } = await publishDocument(await vaultOf(platform), {
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
    sentBy,
    quarantined: file.scan === 'pending',
  });
  // The holder sees in their access log what a representative or a member sent in their name.
  if (created && sentBy && target.from !== 'authority')
    await recordAccess(platform.db, {
      accountId: target.accountId,
      person: { id: sentBy.personId, name: sentBy.name },
      via: sentBy.via,
      mandateId: sentBy.mandateId ?? undefined,
      action: 'document.send',
      subject: { type: 'document', id: document.id, label: document.title },
    });
  return { documentId: document.id };
}

/** The person sending into the account, and on what right: their own or a member's, or a mandate. */
async function senderOf(db: Db, actor: PersonActor, accountId: string): Promise<Sender> {
  const own = await can(db, actor, 'account.consult', { type: 'account', accountId });
  const via = own.allowed && (own.via === 'holder' || own.via === 'member') ? own.via : 'mandate';
  return {
    personId: actor.id,
    name: actor.displayName,
    via,
    mandateId: via === 'mandate' ? (actor.mandate?.id ?? null) : null,
  };
}
