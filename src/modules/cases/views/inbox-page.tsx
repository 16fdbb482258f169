import { formatNumber, formatShortDate } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { InLanguage } from '../../../platform/views/components/in-language.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { usePage } from '../../../platform/views/page-context.ts';
import { backOfficeMessages } from '../back-office-messages.ts';
import type { Case } from '../cases.ts';
import { countCap, isShortSearch, searchMinimum } from '../list-inbox.ts';
import { caseMessages } from '../messages.ts';
import type { Workflow } from '../workflow.ts';

type T = ReturnType<typeof caseMessages.translator>;

/** How many of the inbox's filters (the search apart) narrow or reorder the list. */
function filtersSet(filter: Record<string, string>): number {
  const defaults: Record<string, string> = { sort: 'newest' };
  return ['status', 'assignee', 'form', 'from', 'to', 'overdue', 'open', 'payment', 'sort'].filter(
    (name) => (filter[name] ?? '') !== (defaults[name] ?? ''),
  ).length;
}

/** The back office's inbox: an authority's requests, filtered, sorted, a page at a time. */
export function InboxPage(props: {
  locale: Locale;
  authorityName: string;
  base: string;
  /** The default workflow, whose statuses the filter offers. */
  workflow: Workflow;
  /** The workflow of a row's form, whose staff label its status shows (as on the request's page). */
  workflowOf: (item: Case) => Workflow;
  rows: Case[];
  /** How many match, counted up to `countCap` and one more. */
  total: number;
  hasBefore: boolean;
  hasAfter: boolean;
  filter: {
    status: string;
    assignee: string;
    q: string;
    form: string;
    from: string;
    to: string;
    overdue: string;
    open: string;
    payment: string;
    sort: string;
  };
  forms: { id: string; name: string }[];
  assigneeName: (id: string | null) => string;
  requesterName: (item: Case) => string;
}) {
  const t = caseMessages.translator(props.locale);
  const tb = backOfficeMessages.translator(props.locale);
  const { t: tp } = usePage();
  const query = (cursor: { after: string } | { before: string }) =>
    `${props.base}?${new URLSearchParams({ ...props.filter, ...cursor })}`;
  const first = props.rows[0];
  const last = props.rows.at(-1);
  return (
    <>
      <h1>{t('inboxTitle', { authority: props.authorityName })}</h1>
      <form method="get" action={props.base} class="inbox-filters">
        {/* Closed unless a filter is set, so the results come first on a phone; a grid on wide screens. */}
        <details class="inbox-filters__more" open={filtersSet(props.filter) > 0}>
          <summary>
            {filtersSet(props.filter) > 0
              ? t('filtersSet', { count: String(filtersSet(props.filter)) })
              : t('filters')}
          </summary>
          <div class="inbox-filters__grid">
            <div class="field">
              <label class="field__label" for="status">
                {t('filterStatus')}
              </label>
              <select class="field__input" id="status" name="status">
                <option value="">{t('anyone')}</option>
                {Object.entries(props.workflow.statuses).map(([id, s]) => (
                  <option value={id} selected={props.filter.status === id}>
                    {pick(s.staffLabel, props.locale)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label class="field__label" for="assignee">
                {t('filterAssignee')}
              </label>
              <select class="field__input" id="assignee" name="assignee">
                {(
                  [
                    ['', t('anyone')],
                    ['me', t('me')],
                    ['none', t('nobody')],
                  ] as const
                ).map(([value, label]) => (
                  <option value={value} selected={props.filter.assignee === value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label class="field__label" for="form">
                {t('filterService')}
              </label>
              <select class="field__input" id="form" name="form">
                <option value="">{t('anyone')}</option>
                {props.forms.map((form) => (
                  <option value={form.id} selected={props.filter.form === form.id}>
                    {form.name}
                  </option>
                ))}
              </select>
            </div>
            <TextInput
              name="from"
              label={t('from')}
              hint={tb('dateHint')}
              inputmode="numeric"
              value={swissDate(props.filter.from)}
            />
            <TextInput
              name="to"
              label={t('to')}
              hint={tb('dateHint')}
              inputmode="numeric"
              value={swissDate(props.filter.to)}
            />
            <div class="choice">
              <input
                type="checkbox"
                id="overdue"
                name="overdue"
                value="1"
                checked={props.filter.overdue === '1'}
              />
              <label for="overdue">{t('overdue')}</label>
            </div>
            <div class="choice">
              <input type="checkbox" id="open" name="open" value="1" checked={props.filter.open === '1'} />
              <label for="open">{tb('open')}</label>
            </div>
            <div class="choice">
              <input
                type="checkbox"
                id="payment"
                name="payment"
                value="1"
                checked={props.filter.payment === '1'}
              />
              <label for="payment">{tb('awaitingPayment')}</label>
            </div>
            <div class="field">
              <label class="field__label" for="sort">
                {t('sort')}
              </label>
              <select class="field__input" id="sort" name="sort">
                {(['newest', 'oldest', 'due'] as const).map((sort) => (
                  <option value={sort} selected={props.filter.sort === sort}>
                    {t(`sort${sort[0]?.toUpperCase()}${sort.slice(1)}` as Parameters<T>[0])}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </details>
        <div class="field">
          <label class="field__label" for="q">
            {t('search')}
          </label>
          <p class="field__hint" id="q-hint">
            {t('searchHint', { count: String(searchMinimum) })}
          </p>
          <input
            class="field__input"
            type="search"
            id="q"
            name="q"
            value={props.filter.q}
            aria-describedby="q-hint"
          />
        </div>
        <Button variant="secondary">{t('filter')}</Button>
      </form>
      {props.filter.q && isShortSearch(props.filter.q) && (
        <p>
          {t(props.rows.length === 0 ? 'searchShortNone' : 'searchShort', {
            count: String(searchMinimum),
            query: props.filter.q,
          })}
        </p>
      )}
      <p class="button-group">
        <a href={`${props.base}/export/csv?${new URLSearchParams(props.filter)}`}>{t('exportCsv')}</a>
        <a href={`${props.base}/export/json?${new URLSearchParams(props.filter)}`}>{t('exportJson')}</a>
      </p>
      {props.rows.length === 0 ? (
        // A short search has already said what it looked for; an empty table would only add a header.
        !(props.filter.q && isShortSearch(props.filter.q)) && <p>{t('inboxNone')}</p>
      ) : (
        <>
          <form method="post" action={`${props.base}/assign`}>
            <CsrfField />
            <Table
              caption={t('inboxTitle', { authority: props.authorityName })}
              head={[
                '',
                t('reference'),
                t('request'),
                t('requester'),
                t('status'),
                t('assignee'),
                t('submittedOn'),
                t('dueOn'),
              ]}
              rows={props.rows.map((item) => [
                <input
                  type="checkbox"
                  name="ids"
                  value={item.id}
                  aria-label={t('select', { reference: item.reference })}
                />,
                <a class="nowrap" href={`${props.base}/${item.id}`}>
                  {item.reference}
                </a>,
                <InLanguage text={item.title} locale={props.locale} />,
                props.requesterName(item),
                pick(
                  props.workflowOf(item).statuses[item.status]?.staffLabel ?? { fr: item.status },
                  props.locale,
                ),
                props.assigneeName(item.assignee_person_id),
                formatShortDate(props.locale, item.created_at),
                formatShortDate(props.locale, item.due_at),
              ])}
            />
            <Button variant="secondary">{t('assignSelected')}</Button>
          </form>
          <p>
            {props.total > countCap
              ? t('inboxCountMore', { count: formatNumber(props.locale, countCap) })
              : t('inboxCount', { count: formatNumber(props.locale, props.total) })}
          </p>
        </>
      )}
      {(props.hasBefore || props.hasAfter) && (
        <nav class="pagination" aria-label={tp('pagination')}>
          {props.hasBefore && first && (
            <a class="pagination__link" href={query({ before: first.id })} rel="prev">
              {tp('previous')}
            </a>
          )}
          {props.hasAfter && last && (
            <a class="pagination__link" href={query({ after: last.id })} rel="next">
              {tp('next')}
            </a>
          )}
        </nav>
      )}
    </>
  );
}

/** A filter's ISO date as people type it here: `2026-11-30` → `30.11.2026`. */
function swissDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return year && month && day ? `${day}.${month}.${year}` : iso;
}
