import type { Locale } from '../../../platform/i18n/locales.ts';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { formatUid } from '../../identity/index.ts';
import type { AccountAccess } from '../accounts.ts';
import { accountMessages } from '../messages.ts';

export function AccountsPage(props: {
  locale: Locale;
  accounts: AccountAccess[];
  currentId: string;
  /** Companies the person signs for that have no account of theirs yet; undefined when the register failed. */
  organisations: { uid: string; name: string }[] | undefined;
  switchedTo: string | undefined;
  /** Accounts the person may act for under a mandate in force. */
  principals: { id: string; name: string }[];
}) {
  const t = accountMessages.translator(props.locale);
  return (
    <>
      {props.switchedTo && (
        <NotificationBanner kind="success">{t('switched', { name: props.switchedTo })}</NotificationBanner>
      )}
      <h1>{t('accountsTitle')}</h1>
      <p>{t('accountsLead')}</p>
      <ul class="card-list">
        {props.accounts.map((account) => (
          <li class="card">
            <h2 class="card__title">{account.name}</h2>
            <p>
              {t(account.kind === 'personal' ? 'accountKindPersonal' : 'accountKindProfessional')} ·{' '}
              {t(account.role === 'admin' ? 'roleAdmin' : 'roleMember')}
            </p>
            {account.id === props.currentId ? (
              <Tag tone="success">{t('accountCurrent')}</Tag>
            ) : (
              <form method="post" action="/accounts/switch">
                <CsrfField />
                <input type="hidden" name="account" value={account.id} />
                <button type="submit" class="button button--secondary">
                  {t('accountUse')}
                  <span class="visually-hidden"> {account.name}</span>
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {props.principals.length > 0 && (
        <>
          <h2>{t('actForTitle')}</h2>
          <ul class="card-list">
            {props.principals.map((principal) => (
              <li class="card">
                <h3 class="card__title">{principal.name}</h3>
                {principal.id === props.currentId ? (
                  <Tag tone="warning">{t('accountCurrent')}</Tag>
                ) : (
                  <form method="post" action="/accounts/switch">
                    <CsrfField />
                    <input type="hidden" name="account" value={principal.id} />
                    <button type="submit" class="button button--secondary">
                      {t('actFor', { name: principal.name })}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('organisationsTitle')}</h2>
      {props.organisations === undefined ? (
        <p>{t('registerUnavailable')}</p>
      ) : props.organisations.length === 0 ? (
        <p>{t('organisationsNone')}</p>
      ) : (
        <>
          <p>{t('organisationsLead')}</p>
          {props.organisations.map((organisation) => (
            <form method="post" action="/accounts/professional">
              <CsrfField />
              <input type="hidden" name="uid" value={organisation.uid} />
              <button type="submit" class="button button--secondary">
                {t('organisationOpen', { name: `${organisation.name} (${formatUid(organisation.uid)})` })}
              </button>
            </form>
          ))}
        </>
      )}
      <ul>
        <li>
          <a href="/mandates">{t('mandatesLink')}</a>
        </li>
        <li>
          <a href="/preferences">{t('preferencesLink')}</a>
        </li>
        <li>
          <a href="/profile">{t('profileLink')}</a>
        </li>
        <li>
          <a href="/profile/identities">{t('identitiesLink')}</a>
        </li>
        <li>
          <a href="/profile/sessions">{t('sessionsLink')}</a>
        </li>
      </ul>
    </>
  );
}
