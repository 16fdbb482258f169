import type { JobHandlers } from '../../platform/jobs/worker.ts';
import type { Platform } from '../../platform/module.ts';
import { issueEmailToken } from './email-tokens.ts';
import { findCredential } from './local-means.ts';
import { identityMessages } from './messages.ts';
import { findVerification, verificationCode } from './mobile-verification.ts';
import { purgeExpiredOidcPayloads } from './openid-provider/postgres-adapter.ts';

/**
 * Mails with single-use links (the token is made when the mail is sent, so it never waits in the
 * queue) and the SMS proving a mobile number.
 */
export function identityJobs(platform: Platform): JobHandlers {
  const { db, config, mailer, sms, secrets } = platform;
  const send = async (to: string, subject: string, text: string, link: string) => {
    const paragraphs = text
      .split('\n\n')
      .map((p) => `<p>${p.replace(link, `<a href="${link}">${link}</a>`).replace(/\n/g, '<br>')}</p>`);
    await mailer.send({
      to,
      subject,
      text,
      html: `<!DOCTYPE html><html><body>${paragraphs.join('')}</body></html>`,
    });
  };
  return {
    'identity:send-email-verification': async ({ credentialId, locale }) => {
      const credential = await findCredential(db, { id: credentialId });
      if (!credential) return; // deleted meanwhile: nothing to verify
      const token = await issueEmailToken(db, credentialId, 'verify', 24 * 60, platform.now());
      const t = identityMessages.translator(locale);
      const link = `${config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
      await send(credential.email, t('mailVerifySubject'), t('mailVerifyText', { link }), link);
    },
    'identity:send-recovery': async ({ credentialId, locale }) => {
      const credential = await findCredential(db, { id: credentialId });
      if (!credential) return;
      const token = await issueEmailToken(db, credentialId, 'recover', 30, platform.now());
      const t = identityMessages.translator(locale);
      const link = `${config.publicUrl}/login/recover/${encodeURIComponent(token)}`;
      await send(credential.email, t('mailRecoverSubject'), t('mailRecoverText', { link }), link);
    },
    'identity:purge-expired': () => purgeExpiredOidcPayloads(db),
    'identity:send-mobile-code': async ({ verificationId, locale }) => {
      const verification = await findVerification(db, verificationId);
      if (!verification || verification.verified_at || verification.expires_at <= platform.now()) return;
      const t = identityMessages.translator(locale);
      const code = verificationCode(secrets.current('mobile-codes'), verificationId);
      await sms.send({
        to: verification.mobile,
        text: t('smsMobileCode', { code }),
        reference: verificationId,
      });
    },
  };
}
