import type { Child } from 'hono/jsx';
import { formatChf, formatDate, formatDateTime } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { Pagination } from '../../../platform/views/components/pagination.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { DocumentFileField } from '../../documents/index.ts';
import { amountOf, isUnsettled, type Payment, PaymentStatus, paymentMessages } from '../../payments/index.ts';
import type { Case, CaseEvent } from '../cases.ts';
import { caseMessages } from '../messages.ts';
import type { Workflow } from '../workflow.ts';

type T = ReturnType<typeof caseMessages.translator>;

/** The status a citizen reads: the current one if visible, else the last visible one before it. */
export function citizenStatus(
  workflow: Workflow,
  events: CaseEvent[],
  current: string,
  locale: Locale,
): string {
  const visible = [
    current,
    ...events
      .map((e) => e.to_status)
      .filter((s): s is string => Boolean(s))
      .reverse(),
  ].find((s) => workflow.statuses[s]?.citizenLabel);
  const label = visible ? workflow.statuses[visible]?.citizenLabel : undefined;
  return label ? pick(label, locale) : '';
}

function eventText(
  t: T,
  workflow: Workflow,
  event: CaseEvent,
  locale: Locale,
  audience: 'citizen' | 'staff',
): string {
  switch (event.kind) {
    case 'status': {
      const status = event.to_status ? workflow.statuses[event.to_status] : undefined;
      const label = audience === 'citizen' ? status?.citizenLabel : status?.staffLabel;
      return event.from_status === null
        ? t('eventSubmitted')
        : t('eventStatus', { status: label ? pick(label, locale) : '' });
    }
    case 'complement':
      return t('eventComplement', { text: event.text ?? '' });
    case 'answer':
      return t('eventAnswer', { text: event.text ?? '' });
    case 'decision':
      return t('eventDecision');
    case 'message':
      return t('eventMessage', { name: event.actor_name, text: event.text ?? '' });
    case 'note':
      return t('eventNote', { name: event.actor_name, text: event.text ?? '' });
    case 'assign':
      return t('eventAssign', { name: event.text ?? '' });
    case 'payment':
      return t('eventPayment', { amount: formatChf(locale, Number(event.text)) });
    case 'paid':
      return t('eventPaid');
    case 'feeUnknown':
      return t('eventFeeUnknown');
  }
}

/** The fees of a request: what is left to pay (with the way to pay it) and what is paid. */
function Payments(props: {
  locale: Locale;
  payments: Payment[];
  audience: 'citizen' | 'staff';
  /** Staff: where the payment's details (and refunds) are. */
  staffHref?: (paymentId: string) => string;
}) {
  const t = caseMessages.translator(props.locale);
  const paymentT = paymentMessages.translator(props.locale);
  if (props.payments.length === 0) return null;
  return (
    <section aria-labelledby="payments">
      <h2 id="payments">{t('paymentsTitle')}</h2>
      <ul>
        {props.payments.map((payment) => (
          <li>
            {pick(payment.purpose, props.locale)} – {amountOf(props.locale, payment)}{' '}
            <PaymentStatus t={paymentT} payment={payment} />{' '}
            {props.audience === 'citizen' && isUnsettled(payment) ? (
              <a class="button" href={`/payments/${payment.id}`}>
                {t('payNow')}
              </a>
            ) : props.staffHref ? (
              <a href={props.staffHref(payment.id)}>{payment.refno}</a>
            ) : (
              <small>{payment.refno}</small>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline(props: {
  locale: Locale;
  workflow: Workflow;
  events: CaseEvent[];
  audience: 'citizen' | 'staff';
  /** Where a document of the timeline opens: the requester's space, or the request in the back office. */
  documentHref: (documentId: string) => string;
}) {
  const t = caseMessages.translator(props.locale);
  return (
    <ol class="timeline">
      {props.events
        .filter(
          (e) =>
            props.audience === 'staff' ||
            e.kind !== 'status' ||
            e.from_status === null ||
            props.workflow.statuses[e.to_status ?? '']?.citizenLabel,
        )
        .map((event) => (
          <li class={event.internal ? 'timeline__item timeline__item--internal' : 'timeline__item'}>
            <span class="timeline__when">{formatDateTime(props.locale, event.at)}</span>{' '}
            <span class="pre-line">{eventText(t, props.workflow, event, props.locale, props.audience)}</span>
            {event.document_id && (
              <>
                {' '}
                <a href={props.documentHref(event.document_id)}>
                  {t(event.kind === 'decision' ? 'openDecision' : 'openDocument')}
                </a>
              </>
            )}
          </li>
        ))}
    </ol>
  );
}

function TextArea(props: { name: string; label: string; error?: string; value?: string }) {
  return (
    <FieldFrame id={props.name} label={props.label} error={props.error}>
      <textarea
        class="field__input"
        id={props.name}
        name="text"
        rows={4}
        maxlength={5000}
        aria-describedby={describedBy(props.name, props)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

/** A text and an optional document sent together (a complement, a message); errors keep the text. */
function TextWithFileForm(props: {
  action: string;
  name: string;
  label: string;
  fileLabel: string;
  button: string;
  errors: FieldError[];
  kept: Record<string, string> | undefined;
  secondary?: boolean;
}) {
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  return (
    <form method="post" action={props.action} enctype="multipart/form-data">
      <CsrfField />
      <TextArea
        name={props.name}
        label={props.label}
        error={error(props.name)}
        value={props.kept?.[props.name]}
      />
      <DocumentFileField
        id={`${props.name}-file`}
        name="file"
        label={props.fileLabel}
        error={error(`${props.name}-file`)}
      />
      <Button variant={props.secondary ? 'secondary' : undefined}>{props.button}</Button>
    </form>
  );
}

/** A message on a request, with a document if need be: the same on both sides. */
function MessageForm(props: {
  base: string;
  errors: FieldError[];
  kept: Record<string, string> | undefined;
  t: T;
}) {
  return (
    <TextWithFileForm
      action={`${props.base}/messages`}
      name="message"
      label={props.t('messageLabel')}
      fileLabel={props.t('messageFile')}
      button={props.t('sendMessage')}
      errors={props.errors}
      kept={props.kept}
      secondary
    />
  );
}

export function RequestsPage(props: { locale: Locale; cases: { item: Case; status: string }[] }) {
  const t = caseMessages.translator(props.locale);
  return (
    <>
      <h1>{t('requestsTitle')}</h1>
      {props.cases.length === 0 ? (
        <p>{t('requestsNone')}</p>
      ) : (
        <Table
          caption={t('requestsTitle')}
          head={[t('reference'), t('request'), t('status'), t('submittedOn')]}
          rows={props.cases.map(({ item, status }) => [
            <a href={`/requests/${item.id}`}>{item.reference}</a>,
            pick(item.title, props.locale),
            <Tag tone="info">{status}</Tag>,
            formatDate(props.locale, item.created_at),
          ])}
        />
      )}
    </>
  );
}

export function RequestPage(props: {
  locale: Locale;
  item: Case;
  workflow: Workflow;
  events: CaseEvent[];
  payments: Payment[];
  status: string;
  receipt?: string;
  errors: FieldError[];
  /** What the person wrote in the form that was refused, given back to them. */
  kept?: Record<string, string>;
}) {
  const t = caseMessages.translator(props.locale);
  const state = props.workflow.statuses[props.item.status];
  const base = `/requests/${props.item.id}`;
  return (
    <>
      <h1>
        {pick(props.item.title, props.locale)} <span class="visually-hidden">–</span>{' '}
        <small>{props.item.reference}</small>
      </h1>
      <p>
        {t('status')} : <Tag tone="info">{props.status}</Tag>
      </p>
      {props.receipt && (
        <p>
          <a href={props.receipt}>{t('whatYouSent')}</a>
        </p>
      )}
      <ErrorSummary errors={props.errors} />
      {state?.awaitsCitizen && (
        <section aria-labelledby="expected" class="expected">
          <h2 id="expected">{t('expected')}</h2>
          <p class="pre-line">{[...props.events].reverse().find((e) => e.kind === 'complement')?.text}</p>
          <TextWithFileForm
            action={`${base}/complement`}
            name="complement"
            label={t('complementLabel')}
            fileLabel={t('complementFile')}
            button={t('sendComplement')}
            errors={props.errors}
            kept={props.kept}
          />
        </section>
      )}
      <Payments locale={props.locale} payments={props.payments} audience="citizen" />
      <h2>{t('timeline')}</h2>
      <Timeline
        locale={props.locale}
        workflow={props.workflow}
        events={props.events}
        audience="citizen"
        documentHref={(id) => `/documents/${id}`}
      />
      {!state?.final && (
        <section aria-labelledby="messages">
          <h2 id="messages">{t('messagesTitle')}</h2>
          <MessageForm base={base} errors={props.errors} kept={props.kept} t={t} />
        </section>
      )}
      {state?.withdrawable && (
        <form method="post" action={`${base}/withdraw`}>
          <CsrfField />
          <Button variant="secondary">{t('withdraw')}</Button>
        </form>
      )}
    </>
  );
}

export function InboxPage(props: {
  locale: Locale;
  authorityName: string;
  base: string;
  workflow: Workflow;
  rows: Case[];
  total: number;
  page: number;
  pageSize: number;
  filter: {
    status: string;
    assignee: string;
    q: string;
    form: string;
    from: string;
    to: string;
    overdue: string;
    sort: string;
  };
  forms: { id: string; name: string }[];
  assigneeName: (id: string | null) => string;
}) {
  const t = caseMessages.translator(props.locale);
  const query = (page: number) =>
    `${props.base}?${new URLSearchParams({ ...props.filter, page: String(page) })}`;
  return (
    <>
      <h1>{t('inboxTitle', { authority: props.authorityName })}</h1>
      <form method="get" action={props.base} class="inbox-filters">
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
        <div class="field">
          <label class="field__label" for="from">
            {t('from')}
          </label>
          <input class="field__input" type="date" id="from" name="from" value={props.filter.from} />
        </div>
        <div class="field">
          <label class="field__label" for="to">
            {t('to')}
          </label>
          <input class="field__input" type="date" id="to" name="to" value={props.filter.to} />
        </div>
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
        <div class="field">
          <label class="field__label" for="q">
            {t('search')}
          </label>
          <input class="field__input" type="search" id="q" name="q" value={props.filter.q} />
        </div>
        <Button variant="secondary">{t('filter')}</Button>
      </form>
      <p class="button-group">
        <a href={`${props.base}/export/csv?${new URLSearchParams(props.filter)}`}>{t('exportCsv')}</a>
        <a href={`${props.base}/export/json?${new URLSearchParams(props.filter)}`}>{t('exportJson')}</a>
      </p>
      <form method="post" action={`${props.base}/assign`}>
        <CsrfField />
        <Table
          caption={t('inboxTitle', { authority: props.authorityName })}
          head={['', t('reference'), t('request'), t('status'), t('assignee'), t('submittedOn'), t('dueOn')]}
          rows={props.rows.map((item) => [
            <input
              type="checkbox"
              name="ids"
              value={item.id}
              aria-label={t('select', { reference: item.reference })}
            />,
            <a href={`${props.base}/${item.id}`}>{item.reference}</a>,
            pick(item.title, props.locale),
            pick(props.workflow.statuses[item.status]?.staffLabel ?? { fr: item.status }, props.locale),
            props.assigneeName(item.assignee_person_id),
            formatDate(props.locale, item.created_at),
            formatDate(props.locale, item.due_at),
          ])}
        />
        <Button variant="secondary">{t('assignSelected')}</Button>
      </form>
      <Pagination page={props.page} pages={Math.ceil(props.total / props.pageSize)} href={query} />
    </>
  );
}

export function CaseStaffPage(props: {
  locale: Locale;
  base: string;
  item: Case;
  workflow: Workflow;
  events: CaseEvent[];
  answers: Child;
  requester: string;
  representative: boolean;
  assignee: string;
  payments: Payment[];
  errors: FieldError[];
  /** What the person wrote in the form that was refused, given back to them. */
  kept?: Record<string, string>;
}) {
  const t = caseMessages.translator(props.locale);
  const base = `${props.base}/${props.item.id}`;
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const status = props.workflow.statuses[props.item.status];
  const transitions = props.workflow.transitions.filter((tr) => tr.from === props.item.status);
  const open = !status?.final && props.item.status !== 'granted' && props.item.status !== 'refused';
  return (
    <>
      <h1>
        {props.item.reference} – {pick(props.item.title, props.locale)}
      </h1>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('status')}</dt>
          <dd>{pick(status?.staffLabel ?? { fr: props.item.status }, props.locale)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('requester')}</dt>
          <dd>
            {props.requester}
            {props.representative && ` (${t('representative')})`}
          </dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('levelLabel')}</dt>
          <dd>{props.item.level}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('assignee')}</dt>
          <dd>{props.assignee}</dd>
        </div>
      </dl>
      <ErrorSummary errors={props.errors} />
      <div class="button-group">
        <form method="post" action={`${base}/assign`} class="inline-form">
          <CsrfField />
          <Button variant="secondary">{t('assignToMe')}</Button>
        </form>
        {transitions.map((tr) => (
          <form method="post" action={`${base}/transition`} class="inline-form">
            <CsrfField />
            <input type="hidden" name="to" value={tr.to} />
            <Button variant="secondary">{pick(tr.label, props.locale)}</Button>
          </form>
        ))}
      </div>
      <h2>{t('answers')}</h2>
      {props.answers}
      {open && (
        <>
          <h2>{t('complementRequest')}</h2>
          <form method="post" action={`${base}/complement`}>
            <CsrfField />
            <TextArea
              name="complement"
              label={t('complementRequestLabel')}
              error={error('complement')}
              value={props.kept?.complement}
            />
            <Button variant="secondary">{t('complementRequest')}</Button>
          </form>
          <h2>{t('decide')}</h2>
          <form method="post" action={`${base}/decide`} enctype="multipart/form-data">
            <CsrfField />
            <fieldset class="fieldset" id="outcome">
              <legend class="fieldset__legend">{t('outcome')}</legend>
              {(['granted', 'refused'] as const).map((outcome) => (
                <div class="choice">
                  <input
                    type="radio"
                    id={`outcome-${outcome}`}
                    name="outcome"
                    value={outcome}
                    checked={outcome === 'granted'}
                  />
                  <label for={`outcome-${outcome}`}>{t(outcome)}</label>
                </div>
              ))}
            </fieldset>
            <DocumentFileField
              id="decision-file"
              name="file"
              label={t('decisionFile')}
              error={error('decision-file')}
            />
            <Button>{t('decide')}</Button>
          </form>
        </>
      )}
      <h2>{t('messagesTitle')}</h2>
      <MessageForm base={base} errors={props.errors} kept={props.kept} t={t} />
      <form method="post" action={`${base}/notes`}>
        <CsrfField />
        <TextArea name="note" label={t('noteLabel')} error={error('note')} value={props.kept?.note} />
        <Button variant="secondary">{t('addNote')}</Button>
      </form>
      <Payments
        locale={props.locale}
        payments={props.payments}
        audience="staff"
        staffHref={(id) => `${props.base.replace(/\/requests$/, '/payments')}/${id}`}
      />
      <h2>{t('history')}</h2>
      <Timeline
        locale={props.locale}
        workflow={props.workflow}
        events={props.events}
        audience="staff"
        documentHref={(id) => `${base}/documents/${id}?inline=1`}
      />
    </>
  );
}
