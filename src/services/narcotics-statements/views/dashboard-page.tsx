import { formatUid } from '../../../modules/identity/index.ts';
import { formatDate, formatNumber } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import type { Dashboard } from '../dashboard.ts';
import { narcoticsMessages } from '../messages.ts';
import type { ControlSettings } from '../settings.ts';
import { monthName, productLabel } from './labels.ts';

export function DashboardPage(props: {
  locale: Locale;
  authorityName: string;
  base: string;
  dashboard: Dashboard;
  reminders: Map<string, Date>;
  settingsTyped?: Record<keyof ControlSettings, string>;
  errors: FieldError[];
  notice?: string;
}) {
  const t = narcoticsMessages.translator(props.locale);
  const { dashboard, locale } = props;
  const month = monthName(locale, dashboard.month);
  const typed = props.settingsTyped ?? {
    doseJumpPercent: String(dashboard.settings.doseJumpPercent),
    deadlineDay: String(dashboard.settings.deadlineDay),
  };
  const query = `?month=${dashboard.month}`;
  return (
    <>
      <h1>{t('dashboardTitle', { authority: props.authorityName })}</h1>
      <p class="lead">{t('dashboardLead')}</p>
      {props.notice && <NotificationBanner kind="success">{props.notice}</NotificationBanner>}
      <ErrorSummary errors={props.errors} />
      <form method="get" action={props.base} class="inbox-filters">
        <TextInput
          name="month"
          label={t('dashboardMonth')}
          hint={t('dashboardMonthHint')}
          value={dashboard.month}
          inputmode="numeric"
        />
        <Button variant="secondary">{t('dashboardShow')}</Button>
      </form>
      <p>{t('filedCount', { count: dashboard.filedCount, month })}</p>
      <p>
        <a href={`${props.base}/alerts.csv${query}`}>{t('exportAlerts')}</a> ·{' '}
        <a href={`${props.base}/totals.csv${query}`}>{t('exportTotals')}</a>
      </p>

      <h2>{t('missingTitle')}</h2>
      {dashboard.missing.length === 0 ? (
        <p>{t('missingNone')}</p>
      ) : (
        <>
          <Table
            caption={t('missingTitle')}
            head={[t('pharmacy'), t('uid'), t('deadline'), t('reminder')]}
            rows={dashboard.missing.map((m) => {
              const sent = props.reminders.get(m.pharmacyUid);
              return [
                m.pharmacyName,
                formatUid(m.pharmacyUid),
                formatDate(locale, new Date(`${m.deadline}T12:00:00Z`)),
                sent ? t('reminderSent', { date: formatDate(locale, sent) }) : t('reminderNotYet'),
              ];
            })}
          />
          <form method="post" action={`${props.base}/remind`}>
            <CsrfField />
            <Button variant="secondary">{t('remindNow')}</Button>
          </form>
        </>
      )}

      <h2>{t('sharedTitle')}</h2>
      {dashboard.shared.length === 0 ? (
        <p>{t('sharedNone')}</p>
      ) : (
        <Table
          caption={t('sharedTitle')}
          head={[t('patientCode'), t('month'), t('pharmacies')]}
          rows={dashboard.shared.map((s) => [
            s.patientCode,
            monthName(locale, s.month),
            s.pharmacies.map((p) => p.name).join(', '),
          ])}
        />
      )}

      <h2>{t('jumpsTitle', { percent: dashboard.settings.doseJumpPercent })}</h2>
      {dashboard.jumps.length === 0 ? (
        <p>{t('jumpsNone')}</p>
      ) : (
        <Table
          caption={t('jumpsTitle', { percent: dashboard.settings.doseJumpPercent })}
          head={[t('patientCode'), t('product'), t('pharmacy'), t('jumpDay'), t('jumpFrom'), t('jumpTo')]}
          numeric={[3, 4, 5]}
          rows={dashboard.jumps.map((j) => [
            j.patientCode,
            productLabel(t, j.product),
            j.pharmacyName,
            String(j.day),
            formatNumber(locale, j.from),
            formatNumber(locale, j.to),
          ])}
        />
      )}

      <h2>{t('totalsTitle')}</h2>
      {dashboard.totals.length === 0 ? (
        <p>{t('totalsNone')}</p>
      ) : (
        <Table
          caption={t('totalsTitle')}
          head={[t('month'), t('product'), t('totalMg'), t('patients')]}
          numeric={[2, 3]}
          rows={dashboard.totals.map((total) => [
            monthName(locale, total.month),
            productLabel(t, total.product),
            formatNumber(locale, total.totalMg),
            String(total.patients),
          ])}
        />
      )}

      <h2>{t('settingsTitle')}</h2>
      <form method="post" action={`${props.base}/settings${query}`}>
        <CsrfField />
        <TextInput
          name="doseJumpPercent"
          label={t('doseJumpPercent')}
          hint={t('doseJumpPercentHint')}
          value={typed.doseJumpPercent}
          inputmode="numeric"
          error={props.errors.find((e) => e.field === 'doseJumpPercent')?.message}
        />
        <TextInput
          name="deadlineDay"
          label={t('deadlineDay')}
          hint={t('deadlineDayHint')}
          value={typed.deadlineDay}
          inputmode="numeric"
          error={props.errors.find((e) => e.field === 'deadlineDay')?.message}
        />
        <Button variant="secondary">{t('settingsSave')}</Button>
      </form>
    </>
  );
}
