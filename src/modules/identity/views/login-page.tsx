import type { Child } from 'hono/jsx';
import type { AssuranceLevel } from '../../../platform/http/assurance-level.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { eidMessages } from '../eid/messages.ts';
import type { IdentityProviderConfig } from '../identity-providers.ts';
import { identityMessages, levelKey } from '../messages.ts';

export function LoginPage(props: {
  locale: Locale;
  providers: IdentityProviderConfig[];
  returnTo: string;
  level: AssuranceLevel | undefined;
  failed: boolean;
  /** Whether the federal e-ID is offered (a swiyu verifier is configured). */
  eid?: boolean;
  /** The e-mail and password form, where the level asked for allows the built-in means. */
  children?: Child;
}) {
  const t = identityMessages.translator(props.locale);
  const query = (id: string) => {
    const params = new URLSearchParams({ return: props.returnTo });
    if (props.level) params.set('level', props.level);
    return `/login/oidc/${id}?${params}`;
  };
  return (
    <>
      {props.failed && <NotificationBanner>{t('loginFailed')}</NotificationBanner>}
      <h1>{t('loginTitle')}</h1>
      {props.level && <p class="lead">{t('loginLevelRequired', { level: t(levelKey[props.level]) })}</p>}
      <p>{t('loginLead')}</p>
      <ul class="means-list">
        {props.eid && (
          <li>
            <a
              class="button button--primary"
              href={`/login/e-id?${new URLSearchParams({ return: props.returnTo, ...(props.level ? { level: props.level } : {}) })}`}
            >
              {eidMessages.translator(props.locale)('eidLoginWith')}
            </a>
          </li>
        )}
        {props.providers.map((provider) => (
          <li>
            <a class="button button--secondary" href={query(provider.id)}>
              {t('loginWith', { provider: pick(provider.label, props.locale) })}
            </a>
          </li>
        ))}
      </ul>
      {(!props.level || props.level !== 'high') && (
        <p>
          <button
            type="button"
            class="button button--secondary"
            data-passkey="login"
            data-return={props.returnTo}
            data-status="passkey-status"
            hidden
          >
            {t('passkeyLogin')}
          </button>
          <span id="passkey-status" role="status" data-failed={t('passkeyFailed')} />
        </p>
      )}
      {props.children}
    </>
  );
}
