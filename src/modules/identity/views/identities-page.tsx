import { formatShortDate } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { eidMessages } from '../eid/messages.ts';
import { eidProvider } from '../eid/resolve-eid-person.ts';
import type { IdentityProviderConfig } from '../identity-providers.ts';
import { identityMessages, levelKey } from '../messages.ts';
import type { IdentityLink } from '../persons.ts';

export type IdentitiesNotice = 'linked' | 'removed' | 'elsewhere' | 'last';

export function IdentitiesPage(props: {
  locale: Locale;
  links: IdentityLink[];
  providers: IdentityProviderConfig[];
  notice: IdentitiesNotice | undefined;
}) {
  const t = identityMessages.translator(props.locale);
  const label = (provider: string) => {
    if (provider === 'local') return t('localMeans');
    if (provider === 'passkey') return t('passkeyMeans');
    if (provider === eidProvider) return eidMessages.translator(props.locale)('eidMeans');
    const config = props.providers.find((p) => p.id === provider);
    return config ? pick(config.label, props.locale) : provider;
  };
  const notices = {
    linked: 'identityLinked',
    removed: 'identityRemoved',
    elsewhere: 'identityElsewhere',
    last: 'identityLast',
  } as const;
  return (
    <>
      {props.notice && (
        <NotificationBanner
          kind={props.notice === 'linked' || props.notice === 'removed' ? 'success' : 'important'}
        >
          {t(notices[props.notice])}
        </NotificationBanner>
      )}
      <h1>{t('identitiesTitle')}</h1>
      <p>{t('identitiesLead')}</p>
      <Table
        caption={t('identitiesTitle')}
        head={[t('identityMeans'), t('identityLevel'), t('identityLinkedOn'), t('identityActions')]}
        rows={props.links.map((link) => [
          label(link.provider),
          t(levelKey[link.level]),
          formatShortDate(props.locale, link.linked_at),
          props.links.length > 1 ? (
            <form method="post" action={`/profile/identities/${link.id}/remove`}>
              <CsrfField />
              <button type="submit" class="button button--secondary">
                {t('identityRemove')}
                <span class="visually-hidden"> {label(link.provider)}</span>
              </button>
            </form>
          ) : (
            '—'
          ),
        ])}
      />
      <h2>{t('identityLinkAnother')}</h2>
      <div class="passkey">
        <CsrfField />
        <p>{t('passkeyLead')}</p>
        <button
          type="button"
          class="button button--secondary"
          data-passkey="register"
          data-status="passkey-status"
          hidden
        >
          {t('passkeyAdd')}
        </button>
        <p id="passkey-status" role="status" data-failed={t('passkeyFailed')} />
      </div>
      <ul class="means-list">
        {props.providers.map((provider) => (
          <li>
            <a
              class="button button--secondary"
              href={`/login/oidc/${provider.id}?link=1&return=/profile/identities`}
            >
              {t('identityLinkWith', { provider: pick(provider.label, props.locale) })}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
