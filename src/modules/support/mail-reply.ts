import type { Platform } from '../../platform/module.ts';
import { supportMessages } from './messages.ts';
import { replyForMail } from './tickets.ts';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Mails an answer to a requester who wrote without logging in (the only way to reach them). */
export async function mailReply(platform: Platform, replyId: string): Promise<void> {
  const reply = await replyForMail(platform.db, replyId);
  if (!reply?.email) return;
  const t = supportMessages.translator(reply.language);
  const text = [
    t('mailIntro', { subject: reply.subject, reference: reply.reference }),
    reply.body,
    t('mailOutro'),
  ].join('\n\n');
  await platform.mailer.send({
    to: reply.email,
    subject: t('mailSubject', { reference: reply.reference }),
    text,
    html: text
      .split('\n\n')
      .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
      .join(''),
    messageId: `<support-reply-${replyId}@guichet>`,
  });
}
