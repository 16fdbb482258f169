import { portalPaths } from '../../../platform/http/identity-paths.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { KeysetPagination } from '../../../platform/views/components/pagination.tsx';
import { type CredentialItem, CredentialItems, walletCredentialsPath } from './credential-items.tsx';
import { credentialMessages } from './messages.ts';

export function WalletCredentialsPage(props: {
  locale: Locale;
  items: CredentialItem[];
  hasBefore: boolean;
  hasAfter: boolean;
}) {
  const t = credentialMessages.translator(props.locale);
  return (
    <>
      <h1>{t('walletTitle')}</h1>
      {props.items.length === 0 ? (
        <p>{t('walletNone')}</p>
      ) : (
        <>
          <p>{t('walletLead')}</p>
          <CredentialItems locale={props.locale} items={props.items} heading="h2" />
        </>
      )}
      <KeysetPagination
        path={walletCredentialsPath}
        first={props.items[0]?.id}
        last={props.items.at(-1)?.id}
        hasBefore={props.hasBefore}
        hasAfter={props.hasAfter}
      />
      <p>
        <a href={portalPaths.mySpace}>{t('walletBack')}</a>
      </p>
    </>
  );
}
