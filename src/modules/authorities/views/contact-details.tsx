import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { InLanguage } from '../../../platform/views/components/in-language.tsx';
import type { Authority } from '../authority.ts';
import { formatPhone, phoneHref } from '../contact.ts';
import { authorityMessages } from '../messages.ts';

/** Address, phone, e-mail, opening hours and a secure message: how to reach an authority. */
export function ContactDetails(props: { locale: Locale; authority: Authority }) {
  const t = authorityMessages.translator(props.locale);
  const name = pick(props.authority.names, props.locale, props.authority.languages);
  const { contact } = props.authority;
  const messageLink = `/messages/new?authority=${encodeURIComponent(props.authority.slug)}`;
  return (
    <div class="contact-details">
      {contact ? (
        <dl class="summary-list">
          <div class="summary-list__row">
            <dt>{t('address')}</dt>
            <dd>
              {/* A postal address is written in the authority's own language, whatever the page's. */}
              <address lang={props.authority.languages[0] ?? 'fr'}>
                {contact.address.map((line) => (
                  <>
                    {line}
                    <br />
                  </>
                ))}
              </address>
            </dd>
          </div>
          <div class="summary-list__row">
            <dt>{t('phone')}</dt>
            <dd>
              <a href={phoneHref(contact.phone)}>{formatPhone(contact.phone)}</a>
            </dd>
          </div>
          <div class="summary-list__row">
            <dt>{t('email')}</dt>
            <dd>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </dd>
          </div>
          <div class="summary-list__row">
            <dt>{t('hours')}</dt>
            <dd>
              <InLanguage text={contact.hours} locale={props.locale} />
            </dd>
          </div>
        </dl>
      ) : (
        <p>{t('noContact', { authority: name })}</p>
      )}
      <p>
        <a href={messageLink}>{t('writeMessage', { authority: name })}</a>
        <br />
        <span class="field__hint">{t('writeMessageHint')}</span>
      </p>
    </div>
  );
}

/** Where an authority's contact page lives. */
export function contactPath(authority: Pick<Authority, 'slug'>): string {
  return `/authorities/${authority.slug}/contact`;
}
