import type { MySpaceSection } from '../../../platform/module.ts';
import { CredentialItems, walletCredentialsPath, withOfferCodes } from './credential-items.tsx';
import { credentialMessages } from './messages.ts';
import { type WalletCredentialsSummary, walletCredentialsSummary } from './wallet-credentials.ts';

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
      const { credentials, total } = summary as WalletCredentialsSummary;
      if (credentials.length === 0) return null;
      const t = credentialMessages.translator(c.var.locale);
      return (
        <section class="my-space__section" aria-labelledby="my-wallet-credentials">
          <h2 id="my-wallet-credentials">{t('walletTitle')}</h2>
          <p>{t('walletLead')}</p>
          <CredentialItems locale={c.var.locale} items={await withOfferCodes(credentials)} heading="h3" />
          {total > credentials.length && (
            <p>
              <a href={walletCredentialsPath}>{t('walletSeeAll', { count: total })}</a>
            </p>
          )}
        </section>
      );
    },
    awaiting: async () => 0,
  };
}
