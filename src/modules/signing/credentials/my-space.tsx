import { raw } from 'hono/html';
import type { MySpaceSection } from '../../../platform/module.ts';
import { credentialMessages } from './messages.ts';
import { type WalletCredential, walletCredentialsSummary } from './wallet-credentials.ts';

/**
 * The wallet credentials of the account's issued documents, each offer as a QR code for the swiyu app
 * and a link that opens it on this device. Only for the holder's own use: a representative acting
 * under a mandate does not take the holder's attestations into their own wallet.
 */
export function walletCredentialsMySpace(): MySpaceSection {
  return {
    order: 25,
    summary: (actor) => (actor.mandate ? null : walletCredentialsSummary(actor.account.id)),
    async render(c, actor, summary) {
      if (actor.mandate) return null;
      const credentials = summary as WalletCredential[];
      if (credentials.length === 0) return null;
      const t = credentialMessages.translator(c.var.locale);
      const { default: QRCode } = await import('qrcode'); // loaded at the first QR code, not at every start
      const items = await Promise.all(
        credentials.map(async (credential) => ({
          ...credential,
          svg:
            credential.state === 'offered' && credential.offerDeeplink
              ? await QRCode.toString(credential.offerDeeplink, { type: 'svg', margin: 4, width: 192 })
              : undefined,
        })),
      );
      return (
        <section class="my-space__section" aria-labelledby="my-wallet-credentials">
          <h2 id="my-wallet-credentials">{t('walletTitle')}</h2>
          <p>{t('walletLead')}</p>
          <ul class="plain-list">
            {items.map((item) => (
              <li>
                <h3>{item.title}</h3>
                <p>{t('walletSerial', { serial: item.serial })}</p>
                {item.state === 'revoked' && <p>{t('walletRevoked')}</p>}
                {item.state === 'pending' && <p>{t('walletPending')}</p>}
                {item.svg && item.offerDeeplink && (
                  <>
                    <div
                      class="totp-qr eid-qr"
                      role="img"
                      aria-label={t('walletQr', { title: item.title })}
                      data-offer={item.offerDeeplink}
                    >
                      {raw(item.svg)}
                    </div>
                    <p>
                      <a class="button button--secondary" href={item.offerDeeplink}>
                        {t('walletOpen')}
                      </a>
                    </p>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      );
    },
    awaiting: async () => 0,
  };
}
