import { formatDate } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { narcoticsMessages } from '../messages.ts';
import {
  daysIn,
  productOf,
  products,
  type RawRow,
  type RowError,
  type StatementRow,
} from '../statement-rows.ts';
import type { Statement } from '../statements.ts';
import { cellId, columnLabel, monthName, productLabel } from './labels.ts';

export interface StatementPageProps {
  locale: Locale;
  month: string;
  base: string;
  statement: Statement | undefined;
  /** The lines shown in the table: the draft's, or what was just posted. */
  rows: RawRow[];
  errors: RowError[];
  notice?: string;
  /** The upload's own problem (no file, unreadable, refused). */
  importError?: string;
  mayFile: boolean;
  responsible: boolean;
}

const blankRow = (): RawRow => ({
  patientCode: '',
  product: '',
  strength: '',
  prescriberGln: '',
  doses: Array.from({ length: 31 }, () => ''),
});

/** Room to type: every line, and a few empty ones after them. */
export const withEmptyLines = (rows: RawRow[], extra = 3) => [
  ...rows,
  ...Array.from({ length: extra }, blankRow),
];

export function StatementPage(props: StatementPageProps) {
  const t = narcoticsMessages.translator(props.locale);
  const monthLabel = monthName(props.locale, props.month);
  const filed = props.statement?.status === 'filed';
  return (
    <>
      <h1>{t('statementTitle', { month: monthLabel })}</h1>
      {props.notice && <NotificationBanner kind="success">{props.notice}</NotificationBanner>}
      {filed ? (
        <FiledStatement {...props} />
      ) : (
        <>
          <p class="lead">{t('statementLead')}</p>
          <ErrorSummary
            errors={[
              ...(props.importError ? [{ field: 'spreadsheet', message: props.importError }] : []),
              ...props.errors.map((e) => ({
                field: cellId(e.row, e.field),
                message: t('problemAt', {
                  row: e.row + 1,
                  column: columnLabel(t, e.field),
                  problem: t(e.problem),
                }),
              })),
            ]}
          />
          {props.statement?.status === 'awaitingSignOff' && (
            <NotificationBanner>{t('sentForSignOff')}</NotificationBanner>
          )}
          <ImportForm {...props} />
          <EntryForm {...props} />
        </>
      )}
    </>
  );
}

function ImportForm(props: StatementPageProps) {
  const t = narcoticsMessages.translator(props.locale);
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">{t('importTitle')}</h2>
      <p>
        <a href="/narcotics/template.xlsx">{t('templateXlsx')}</a> ·{' '}
        <a href="/narcotics/template.csv">{t('templateCsv')}</a>
      </p>
      <form method="post" action={`${props.base}/import`} enctype="multipart/form-data">
        <CsrfField />
        <div class={props.importError ? 'field field--error' : 'field'}>
          <label class="field__label" for="spreadsheet">
            {t('importFile')}
          </label>
          <p class="field__hint" id="spreadsheet-hint">
            {t('importHint')}
          </p>
          {props.importError && (
            <p class="field__error" id="spreadsheet-error">
              {props.importError}
            </p>
          )}
          <input
            class="field__input"
            type="file"
            id="spreadsheet"
            name="spreadsheet"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={props.importError ? 'spreadsheet-hint spreadsheet-error' : 'spreadsheet-hint'}
          />
        </div>
        <Button variant="secondary">{t('importButton')}</Button>
      </form>
    </section>
  );
}

function EntryForm(props: StatementPageProps) {
  const t = narcoticsMessages.translator(props.locale);
  const days = daysIn(props.month);
  const rows = withEmptyLines(props.rows);
  const errorsOf = (row: number) => props.errors.filter((e) => e.row === row);
  const cell = (row: number, field: Parameters<typeof cellId>[1], value: string, size: number) => {
    const invalid = errorsOf(row).some((e) => e.field === field);
    return (
      <input
        type="text"
        id={cellId(row, field)}
        name={`r${row}.${field}`}
        value={value}
        size={size}
        aria-label={t('cellLabel', { column: columnLabel(t, field), row: row + 1 })}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? `r${row}-problems` : undefined}
        inputmode={field.startsWith('day') ? 'decimal' : undefined}
      />
    );
  };
  return (
    <form method="post" action={props.base}>
      <CsrfField />
      <input type="hidden" name="count" value={String(rows.length)} />
      <Table
        caption={t('tableCaption', { month: monthName(props.locale, props.month) })}
        head={[
          t('line'),
          t('patientCode'),
          t('product'),
          t('strength'),
          t('prescriberGln'),
          ...Array.from({ length: days }, (_, d) => String(d + 1)),
        ]}
        rows={rows.map((row, i) => [
          <>
            {i + 1}
            {errorsOf(i).length > 0 && (
              <ul class="field__error" id={`r${i}-problems`}>
                {errorsOf(i).map((e) => (
                  <li>
                    {t('problemAt', { row: i + 1, column: columnLabel(t, e.field), problem: t(e.problem) })}
                  </li>
                ))}
              </ul>
            )}
          </>,
          cell(i, 'patientCode', row.patientCode, 10),
          <select
            id={cellId(i, 'product')}
            name={`r${i}.product`}
            aria-label={t('cellLabel', { column: t('product'), row: i + 1 })}
            aria-invalid={errorsOf(i).some((e) => e.field === 'product') ? 'true' : undefined}
          >
            <option value="">{t('productChoose')}</option>
            {products.map((p) => (
              <option value={p} selected={productOf(row.product) === p}>
                {productLabel(t, p)}
              </option>
            ))}
            {row.product && !productOf(row.product) && (
              <option value={row.product} selected>
                {row.product}
              </option>
            )}
          </select>,
          cell(i, 'strength', row.strength, 8),
          cell(i, 'prescriberGln', row.prescriberGln, 13),
          ...Array.from({ length: days }, (_, d) => cell(i, `day${d + 1}`, row.doses[d] ?? '', 3)),
        ])}
      />
      <div class="button-group">
        <Button name="action" value="save" variant="secondary">
          {t('save')}
        </Button>
        <Button name="action" value="add" variant="secondary">
          {t('addLines')}
        </Button>
        <Button name="action" value="copy" variant="secondary">
          {t('copyPrevious')}
        </Button>
        {props.mayFile && (
          <Button name="action" value="file">
            {props.responsible ? t('signOff') : t('fileForSignOff')}
          </Button>
        )}
      </div>
    </form>
  );
}

function FiledStatement(props: StatementPageProps) {
  const t = narcoticsMessages.translator(props.locale);
  const statement = props.statement;
  if (!statement) return null;
  const rows = statement.rows as StatementRow[];
  const days = daysIn(props.month);
  return (
    <>
      <p>
        {t('filedBy', {
          date: statement.filedAt ? formatDate(props.locale, statement.filedAt) : '—',
          name: statement.signedOffName ?? '—',
        })}
      </p>
      <Table
        caption={t('tableCaption', { month: monthName(props.locale, props.month) })}
        head={[
          t('patientCode'),
          t('product'),
          t('strength'),
          t('prescriberGln'),
          t('totalMg'),
          ...Array.from({ length: days }, (_, d) => String(d + 1)),
        ]}
        numeric={[4]}
        rows={rows.map((row) => [
          row.patientCode,
          productLabel(t, row.product),
          row.strength,
          row.prescriberGln,
          String(row.doses.reduce((a, b) => a + b, 0)),
          ...row.doses.map((d) => (d ? String(d) : '')),
        ])}
      />
    </>
  );
}
