import { formatChf } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { ErrorSummary } from '../../../platform/views/components/error-summary.tsx';
import { FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { abandonedAfterDays, type Figures, type GroupFigures, type Period } from '../figures.ts';
import { indicatorMessages } from '../messages.ts';
import { BarChart } from './bar-chart.tsx';
import { count, formatDays, formatMean, formatRate } from './figures-format.ts';

export interface CockpitData {
  authorityName: string;
  period: Period;
  formId: string | null;
  services: { id: string; name: string }[];
  total: Figures;
  overdue: Map<string, number>;
  months: GroupFigures[];
  byService: GroupFigures[];
  stops: { formId: string; step: number; count: number }[];
  comments: { formId: string; rating: number; comment: string | null; answeredAt: Date }[];
  compareHref: string | null;
  invalidPeriod: boolean;
}

export function CockpitPage(props: { locale: Locale; data: CockpitData }) {
  const t = indicatorMessages.translator(props.locale);
  const { data, locale } = props;
  const name = (formId: string | null) =>
    formId === null ? t('authorityWide') : (data.services.find((s) => s.id === formId)?.name ?? formId);
  const overdue = [...data.overdue.entries()]
    .filter(([formId]) => !data.formId || formId === data.formId)
    .reduce((sum, [, n]) => sum + n, 0);
  const total = data.total;
  return (
    <>
      <h1>{t('cockpitTitle', { authority: data.authorityName })}</h1>
      <p>{t('cockpitLead')}</p>
      {data.invalidPeriod && <ErrorSummary errors={[{ field: 'from', message: t('periodInvalid') }]} />}
      <form method="get" class="filters">
        <TextInput name="from" label={t('from')} hint={t('monthHint')} value={data.period.from} />
        <TextInput name="to" label={t('to')} hint={t('monthHint')} value={data.period.to} />
        <FieldFrame id="service" label={t('service')}>
          <select class="field__input" id="service" name="service">
            <option value="">{t('allServices')}</option>
            {data.services.map((s) => (
              <option value={s.id} selected={s.id === data.formId}>
                {s.name}
              </option>
            ))}
          </select>
        </FieldFrame>
        <Button variant="secondary">{t('show')}</Button>
      </form>
      {data.compareHref && (
        <p>
          <a href={data.compareHref}>{t('compareLink')}</a>
        </p>
      )}
      <SummaryList
        rows={[
          [t('views'), count(locale, total.views)],
          [t('started'), count(locale, total.started)],
          [t('completed'), count(locale, total.completed)],
          [
            t('abandoned'),
            `${count(locale, total.abandoned)} (${formatRate(locale, total.abandoned, total.started)})`,
          ],
          [t('submitted'), count(locale, total.submitted)],
          [t('online'), count(locale, total.online)],
          [t('staff'), count(locale, total.staff)],
          [t('decided'), count(locale, total.decided)],
          [t('median'), formatDays(locale, total.medianSeconds)],
          [t('p90'), formatDays(locale, total.p90Seconds)],
          [t('overdue'), count(locale, overdue)],
          [t('paid'), count(locale, total.paid)],
          [t('paidAmount'), formatChf(locale, total.paidCents)],
          [t('documentsOpened'), count(locale, total.documentsOpened)],
          [t('satisfaction'), formatMean(locale, total.ratingMean)],
          [t('ratings'), count(locale, total.ratings)],
        ]}
      />
      <h2>{t('byMonth')}</h2>
      {data.months.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <BarChart
          title={t('volumesChart')}
          tableCaption={t('volumesTable')}
          firstHead={t('month')}
          labels={data.months.map((m) => String(m.month))}
          series={[
            { label: t('submitted'), values: data.months.map((m) => m.submitted) },
            { label: t('decided'), values: data.months.map((m) => m.decided) },
          ]}
        />
      )}
      <h2>{t('byService')}</h2>
      {data.byService.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <Table
          caption={t('byService')}
          head={[
            t('service'),
            t('submitted'),
            t('decided'),
            t('median'),
            t('p90'),
            t('overdue'),
            t('abandoned'),
            t('satisfaction'),
          ]}
          numeric={[1, 2, 3, 4, 5, 6, 7]}
          rows={data.byService.map((s) => [
            name(s.formId),
            count(locale, s.submitted),
            count(locale, s.decided),
            formatDays(locale, s.medianSeconds),
            formatDays(locale, s.p90Seconds),
            count(locale, (s.formId && data.overdue.get(s.formId)) || 0),
            count(locale, s.abandoned),
            formatMean(locale, s.ratingMean),
          ])}
        />
      )}
      <h2>{t('stopsTitle')}</h2>
      <p>{t('stopsLead', { days: abandonedAfterDays })}</p>
      {data.stops.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <Table
          caption={t('stopsTitle')}
          head={[t('service'), t('step'), t('count')]}
          numeric={[1, 2]}
          rows={data.stops.map((s) => [name(s.formId), String(s.step), count(locale, s.count)])}
        />
      )}
      <h2>{t('commentsTitle')}</h2>
      {data.comments.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <Table
          caption={t('commentsTitle')}
          head={[t('service'), t('rating'), t('comment')]}
          numeric={[1]}
          rows={data.comments.map((c) => [name(c.formId), String(c.rating), c.comment ?? ''])}
        />
      )}
    </>
  );
}
