import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { narcoticsMessages } from '../messages.ts';
import type { Statement } from '../statements.ts';
import type { StatementStatus } from '../tables.ts';
import { monthName } from './labels.ts';

const statusKeys: Record<
  StatementStatus | 'none',
  'statusNone' | 'statusDraft' | 'statusAwaitingSignOff' | 'statusFiled'
> = {
  none: 'statusNone',
  draft: 'statusDraft',
  awaitingSignOff: 'statusAwaitingSignOff',
  filed: 'statusFiled',
};

export function NotPharmacyPage(props: { locale: Locale }) {
  const t = narcoticsMessages.translator(props.locale);
  return (
    <>
      <h1>{t('title')}</h1>
      <p class="lead">{t('lead')}</p>
      <p>{t('notPharmacy')}</p>
      <p>
        <a href="/accounts">{t('switchAccount')}</a>
      </p>
    </>
  );
}

export function PharmacyPage(props: {
  locale: Locale;
  pharmacyName: string;
  months: { month: string; statement: Statement | undefined }[];
  responsible: { name: string } | undefined;
  /** The pharmacy's administrators name the responsible pharmacist among these people. */
  candidates?: { personId: string; name: string }[];
  currentResponsibleId?: string;
  notice?: string;
}) {
  const t = narcoticsMessages.translator(props.locale);
  return (
    <>
      <h1>{t('title')}</h1>
      <p class="lead">{t('lead')}</p>
      {props.notice && <NotificationBanner kind="success">{props.notice}</NotificationBanner>}
      <Table
        caption={`${t('months')} — ${props.pharmacyName}`}
        head={[t('month'), t('status'), t('lines')]}
        numeric={[2]}
        rows={props.months.map(({ month, statement }) => [
          <a href={`/narcotics/${month}`}>{monthName(props.locale, month)}</a>,
          t(statusKeys[statement?.status ?? 'none']),
          String(statement?.rows.length ?? 0),
        ])}
      />
      <h2>{t('responsibleTitle')}</h2>
      <p>{props.responsible ? t('responsibleIs', { name: props.responsible.name }) : t('responsibleNone')}</p>
      {props.candidates && props.candidates.length > 0 && (
        <form method="post" action="/narcotics/responsible">
          <CsrfField />
          <div class="field">
            <label class="field__label" for="responsible">
              {t('responsibleLabel')}
            </label>
            <p class="field__hint" id="responsible-hint">
              {t('responsibleHint')}
            </p>
            <select class="field__input" id="responsible" name="personId" aria-describedby="responsible-hint">
              {props.candidates.map((c) => (
                <option value={c.personId} selected={c.personId === props.currentResponsibleId}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary">{t('responsibleSave')}</Button>
        </form>
      )}
    </>
  );
}
