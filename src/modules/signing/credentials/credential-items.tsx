import { raw } from 'hono/html';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { credentialMessages } from './messages.ts';
import type { WalletCredential } from './wallet-credentials.ts';

/** Every wallet credential of the account in use, a page at a time. */
export const walletCredentialsPath = '/wallet-credentials';

export type CredentialItem = WalletCredential & { svg?: string };

/** Each offered credential's QR code for the swiyu app, drawn on the server: no script needed. */
export async function withOfferCodes(credentials: WalletCredential[]): Promise<CredentialItem[]> {
  if (!credentials.some((credential) => credential.state === 'offered' && credential.offerDeeplink))
    return credentials;
  const { default: QRCode } = await import('qrcode'); // loaded at the first QR code, not at every start
  return Promise.all(
    credentials.map(async (credential) => ({
      ...credential,
      svg:
        credential.state === 'offered' && credential.offerDeeplink
          ? await QRCode.toString(credential.offerDeeplink, { type: 'svg', margin: 4, width: 192 })
          : undefined,
    })),
  );
}

/**
 * The credentials with what may be done with each: the offer as a QR code and a link that opens the
 * swiyu app on this device; a revoked or pending one says so. `heading`: the level of their titles.
 */
export function CredentialItems(props: { locale: Locale; items: CredentialItem[]; heading: 'h2' | 'h3' }) {
  const t = credentialMessages.translator(props.locale);
  const Heading = props.heading;
  return (
    <ul class="plain-list">
      {props.items.map((item) => (
        <li>
          <Heading>{item.title}</Heading>
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
  );
}
