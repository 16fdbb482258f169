import type { Locale } from '../../../platform/i18n/locales.ts';
import { openDataPaths } from '../dcat.ts';
import { indicatorMessages } from '../messages.ts';

/** The open data's landing page: what is published, where, and what is left out. */
export function OpenDataPage(props: { locale: Locale }) {
  const t = indicatorMessages.translator(props.locale);
  return (
    <>
      <h1>{t('openDataTitle')}</h1>
      <p>{t('openDataLead')}</p>
      <ul>
        <li>
          <a href={openDataPaths.csv}>{t('openDataCsv')}</a>
        </li>
        <li>
          <a href={openDataPaths.json}>{t('openDataJson')}</a>
        </li>
        <li>
          <a href={openDataPaths.catalogue}>{t('openDataCatalogue')}</a>
        </li>
      </ul>
    </>
  );
}
