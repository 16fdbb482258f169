import { raw } from 'hono/html';
import { formatDate } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Tag } from '../../../platform/views/components/tag.tsx';
import type { WalletItem } from '../../signing/index.ts';
import { walletMessages } from '../wallet-messages.ts';

export const walletPaths = {
  page: '/wallet',
  manifest: '/wallet/manifest.webmanifest',
  serviceWorker: '/wallet-service-worker.js',
} as const;

export type WalletEntry = WalletItem & { authorityName: string; qrSvg: string };

/** The person's recent issued documents, each with its verification code drawn on the server. */
export function WalletPage(props: { locale: Locale; items: WalletEntry[] }) {
  const t = walletMessages.translator(props.locale);
  return (
    <>
      <h1>{t('title')}</h1>
      <p class="lead">{t('lead')}</p>
      {props.items.length === 0 && <p>{t('none')}</p>}
      {props.items.map((item) => (
        <section class="wallet-item" aria-labelledby={`doc-${item.serial}`}>
          <h2 id={`doc-${item.serial}`}>{item.title}</h2>
          <p>
            <Tag tone={item.status === 'valid' ? 'success' : item.status === 'revoked' ? 'danger' : 'info'}>
              {t(item.status)}
            </Tag>
          </p>
          <p>
            {t('issuedBy', { authority: item.authorityName, date: formatDate(props.locale, item.issuedAt) })}
          </p>
          {item.validUntil && <p>{t('validUntil', { date: formatDate(props.locale, item.validUntil) })}</p>}
          <p>{t('serial', { serial: item.serial })}</p>
          <div role="img" aria-label={t('qrLabel', { title: item.title })} class="wallet-item__qr">
            {raw(item.qrSvg)}
          </div>
          <p>
            <a href={`/documents/${item.documentId}`}>{t('open')}</a>
          </p>
        </section>
      ))}
      <p>{t('verifyHint')}</p>
    </>
  );
}
