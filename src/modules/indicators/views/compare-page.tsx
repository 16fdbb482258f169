import type { Locale } from '../../../platform/i18n/locales.ts';
import { Table } from '../../../platform/views/components/table.tsx';
import type { Figures, Period } from '../figures.ts';
import { indicatorMessages } from '../messages.ts';
import { BarChart } from './bar-chart.tsx';
import { count, formatDays, formatMean, formatRate } from './figures-format.ts';

/** The canton's view of its communes side by side, over one period. */
export function ComparePage(props: {
  locale: Locale;
  period: Period;
  communes: { name: string; figures: Figures }[];
}) {
  const t = indicatorMessages.translator(props.locale);
  const { locale, communes } = props;
  return (
    <>
      <h1>{t('compareTitle')}</h1>
      <p>
        {t('from')} {props.period.from} — {t('to')} {props.period.to}
      </p>
      <BarChart
        title={t('submitted')}
        tableCaption={t('volumesTable')}
        firstHead={t('commune')}
        labels={communes.map((c) => c.name)}
        series={[
          { label: t('submitted'), values: communes.map((c) => c.figures.submitted) },
          { label: t('decided'), values: communes.map((c) => c.figures.decided) },
        ]}
      />
      <Table
        caption={t('compareTitle')}
        head={[
          t('commune'),
          t('submitted'),
          t('decided'),
          t('median'),
          t('p90'),
          t('abandonmentRate'),
          t('satisfaction'),
        ]}
        numeric={[1, 2, 3, 4, 5, 6]}
        rows={communes.map(({ name, figures }) => [
          name,
          count(locale, figures.submitted),
          count(locale, figures.decided),
          formatDays(locale, figures.medianSeconds),
          formatDays(locale, figures.p90Seconds),
          formatRate(locale, figures.abandoned, figures.started),
          formatMean(locale, figures.ratingMean),
        ])}
      />
    </>
  );
}
