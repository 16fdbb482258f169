import { formatDate } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { formatAvs } from '../avs-number.ts';
import { identityMessages } from '../messages.ts';
import type { Person } from '../persons.ts';

export function ProfilePage(props: { locale: Locale; person: Person }) {
  const t = identityMessages.translator(props.locale);
  const p = props.person;
  const address = [
    [p.street, p.house_number].filter(Boolean).join(' '),
    [p.postcode, p.town].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(', ');
  const rows: [string, string][] = [
    [t('profileName'), `${p.given_names} ${p.family_name}`],
    [
      t('profileBirth'),
      p.date_of_birth ? formatDate(props.locale, new Date(`${p.date_of_birth}T12:00:00Z`)) : '—',
    ],
    [t('profileAvs'), p.avs ? formatAvs(p.avs) : '—'],
    [t('profileAddress'), address || '—'],
    [t('profileEmail'), p.email ?? '—'],
    [t('profileMobile'), p.mobile && p.mobile_verified_at ? p.mobile : '—'],
  ];
  return (
    <>
      <h1>{t('profileTitle')}</h1>
      <p>{t('profileLead')}</p>
      <dl class="summary-list">
        {rows.map(([label, value]) => (
          <div class="summary-list__row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href="/profile/identities">{t('identitiesTitle')}</a>
      </p>
    </>
  );
}
