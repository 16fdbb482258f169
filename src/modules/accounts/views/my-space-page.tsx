import type { Child } from 'hono/jsx';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { accountMessages } from '../messages.ts';

export interface OtherAccount {
  id: string;
  name: string;
  kind: 'personal' | 'professional' | 'principal';
  awaiting: number;
}

/** The dashboard: each module's section for the account in use, then the other accounts at hand. */
export function MySpacePage(props: {
  locale: Locale;
  accountName: string;
  underMandate: boolean;
  sections: Child[];
  others: OtherAccount[];
}) {
  const t = accountMessages.translator(props.locale);
  const kind = {
    personal: 'accountKindPersonal',
    professional: 'accountKindProfessional',
    principal: 'accountKindPrincipal',
  } as const;
  return (
    <>
      <h1>{t('mySpaceTitle')}</h1>
      <p class="lead">
        {t(props.underMandate ? 'mySpaceLeadMandate' : 'mySpaceLead', { account: props.accountName })}
      </p>
      <p>
        <a class="button button--primary" href="/services">
          {t('startProcedure')}
        </a>
      </p>
      <div class="my-space">{props.sections.length > 0 ? props.sections : <p>{t('nothingAwaits')}</p>}</div>
      {props.others.length > 0 && (
        <section aria-labelledby="other-accounts">
          <h2 id="other-accounts">{t('otherAccounts')}</h2>
          <ul class="card-list">
            {props.others.map((account) => (
              <li class="card">
                <h3>{account.name}</h3>
                <p>{t(kind[account.kind])}</p>
                <p>
                  {account.awaiting > 0 ? (
                    <Tag tone="warning">{t('awaitingCount', { count: account.awaiting })}</Tag>
                  ) : (
                    t('nothingAwaitsShort')
                  )}
                </p>
                <form method="post" action="/accounts/switch">
                  <CsrfField />
                  <input type="hidden" name="account" value={account.id} />
                  <input type="hidden" name="return" value="/my" />
                  <button type="submit" class="button button--secondary">
                    {t('accountUse')}
                    <span class="visually-hidden"> {account.name}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
