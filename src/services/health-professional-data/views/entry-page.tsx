import { formatDate } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { healthRegisterMessages } from '../messages.ts';
import type { RegisterEntry } from '../register-client.ts';

type Key = Parameters<ReturnType<typeof healthRegisterMessages.translator>>[0];
const isKey = (value: string): value is Key => value in healthRegisterMessages.catalogue.fr;

const itemKeys: Record<string, Key> = {
  practiceAuthorisation: 'practiceAuthorisationItem',
  billingAuthorisation: 'billingAuthorisationItem',
};

/** The register keeps language codes (`fr`, `de`); people read their names, in the page's language. */
function languageNames(codes: string[], locale: Locale): string {
  const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
  return codes.map((code) => names.of(code) ?? code).join(', ');
}

/** What the register holds on the entry, a row an item, in the page's language. */
export function entryRows(entry: RegisterEntry, locale: Locale): [string, string][] {
  const t = healthRegisterMessages.translator(locale);
  const word = (value: string | undefined) => (value && isKey(value) ? t(value) : (value ?? ''));
  const authorisation = (a: RegisterEntry['practiceAuthorisation']) =>
    a ? t('since', { date: formatDate(locale, new Date(a.since)), reference: a.reference ?? '' }) : t('none');
  const a = entry.practiceAddress;
  return [
    entry.uid ? [t('uid'), entry.uid] : [t('gln'), entry.gln ?? ''],
    [t('name'), entry.name ?? `${entry.givenNames ?? ''} ${entry.familyName ?? ''}`],
    entry.uid ? [t('kind'), word(entry.kind)] : [t('profession'), word(entry.profession)],
    [t('address'), `${a.street}, ${a.postcode} ${a.town}`],
    ...(entry.sites.length > 0 ? [[t('sites'), entry.sites.join(' ; ')] as [string, string]] : []),
    [t('phone'), entry.phone ?? ''],
    [t('email'), entry.email ?? ''],
    [t('languages'), languageNames(entry.languages, locale)],
    ...(entry.uid
      ? []
      : ([
          [t('practiceAuthorisation'), authorisation(entry.practiceAuthorisation)],
          [t('billingAuthorisation'), authorisation(entry.billingAuthorisation)],
        ] as [string, string][])),
  ];
}

/** A register entry as its professional (or their institution's people) reads it, with its history. */
export function EntryPage(props: {
  locale: Locale;
  title: string;
  entry: RegisterEntry;
  canAnnounce: boolean;
}) {
  const { entry, locale } = props;
  const t = healthRegisterMessages.translator(locale);
  const word = (value: string | undefined) => (value && isKey(value) ? t(value) : (value ?? ''));
  const rows = entryRows(entry, locale);
  return (
    <>
      <h1>{props.title}</h1>
      <p class="lead">{t('lead')}</p>
      <SummaryList rows={rows} />
      {props.canAnnounce && (
        <form method="post" action="/health-register/changes">
          <CsrfField />
          <p class="field__hint">{t('announceHint')}</p>
          <Button>{t('announce')}</Button>
        </form>
      )}
      <h2>{t('history')}</h2>
      {entry.history.length === 0 ? (
        <p>{t('historyEmpty')}</p>
      ) : (
        <Table
          caption={t('history')}
          head={[t('date'), t('item'), t('old'), t('new'), t('reference')]}
          rows={entry.history.map((change) => [
            formatDate(locale, new Date(change.changedAt)),
            word(itemKeys[change.item] ?? change.item),
            change.old ?? '',
            change.new ?? '',
            change.reference ?? '',
          ])}
        />
      )}
    </>
  );
}
