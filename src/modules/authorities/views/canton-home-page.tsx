import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { type Authority, portalPath } from '../authority.ts';
import { authorityMessages } from '../messages.ts';

export function CantonHomePage(props: { locale: Locale; communes: Authority[]; services: Authority[] }) {
  const t = authorityMessages.translator(props.locale);
  const name = (a: Authority) => pick(a.names, props.locale, a.languages);
  return (
    <>
      <h1>{t('cantonTitle')}</h1>
      <p class="lead">{t('cantonLead')}</p>
      <h2 id="communes">{t('communesHeading')}</h2>
      <p>{t('communesLead')}</p>
      <ul class="card-list" aria-labelledby="communes">
        {props.communes.map((commune) => (
          <li class="card">
            <h3>
              <a href={portalPath(commune)}>{name(commune)}</a>
            </h3>
          </li>
        ))}
      </ul>
      <h2 id="services">{t('servicesHeading')}</h2>
      <ul aria-labelledby="services">
        {props.services.map((service) => (
          <li>{name(service)}</li>
        ))}
      </ul>
    </>
  );
}
