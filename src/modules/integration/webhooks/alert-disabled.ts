import type { Db } from '../../../platform/database/database.ts';
import { pick } from '../../../platform/i18n/locales.ts';
import type { Mailer } from '../../../platform/mail/mailer.ts';
import { getAuthorityById, staffWithRole } from '../../authorities/index.ts';
import { getPerson } from '../../identity/index.ts';
import { endpointForJob } from './endpoints.ts';
import { webhookMessages } from './webhook-messages.ts';

/**
 * Tells each administrator of the endpoint's authority, by e-mail in their language, that Guichet
 * stopped calling it and where to repair and replay it. The back office shows the same.
 */
export async function alertEndpointDisabled(
  db: Db,
  mailer: Mailer,
  publicUrl: string,
  endpointId: string,
): Promise<number> {
  const endpoint = await endpointForJob(db, endpointId);
  const authority = endpoint && (await getAuthorityById(db, endpoint.authority_id));
  if (!endpoint || !authority) return 0;
  let sent = 0;
  for (const personId of await staffWithRole(db, authority.id, 'authorityAdmin')) {
    const person = await getPerson(db, personId);
    if (!person?.email) continue;
    const locale = person.preferred_language;
    const t = webhookMessages.translator(locale);
    const link = `${publicUrl}/back-office/authorities/${authority.slug}/webhooks/${endpoint.id}`;
    const text = t('disabledMailText', { url: endpoint.url, link });
    await mailer.send({
      to: person.email,
      subject: t('disabledMailSubject', { authority: pick(authority.names, locale, authority.languages) }),
      text,
      html: `<p>${escapeHtml(text)}</p>`,
      messageId: `<webhook-disabled-${endpoint.id}-${personId}@guichet>`,
    });
    sent += 1;
  }
  return sent;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
