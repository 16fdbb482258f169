import { infoMessages } from './info-messages.ts';
import { usePage } from './page-context.ts';

/** Where the information pages every footer links to live. */
export const infoPaths = {
  help: '/help',
  legal: '/legal',
  privacy: '/privacy',
  accessibility: '/accessibility',
  security: '/security',
} as const;

export type InfoPage = keyof typeof infoPaths;

const texts = {
  help: ['helpTitle', 'helpBody'],
  legal: ['legalTitle', 'legalBody'],
  privacy: ['privacyTitle', 'privacyBody'],
  accessibility: ['accessibilityTitle', 'accessibilityBody'],
  security: ['securityTitle', 'securityBody'],
} as const;

export function infoPageTitle(page: InfoPage, locale: Parameters<typeof infoMessages.translator>[0]) {
  return infoMessages.translator(locale)(texts[page][0]);
}

/** One information page: its paragraphs, then how to reach the authority whose pages these are. */
export function InfoPageBody(props: { page: InfoPage }) {
  const { locale, branding } = usePage();
  const t = infoMessages.translator(locale);
  const [title, body] = texts[props.page];
  return (
    <>
      <h1>{t(title)}</h1>
      {t(body, { operator: branding.operatorName })
        .split('\n\n')
        .map((paragraph) => (
          <p>{paragraph}</p>
        ))}
      <p>
        {t('helpContact')} <a href={branding.contactPath}>{branding.name}</a>
      </p>
    </>
  );
}
