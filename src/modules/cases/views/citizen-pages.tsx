import { colon, formatShortDate } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { InLanguage } from '../../../platform/views/components/in-language.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { usePage } from '../../../platform/views/page-context.ts';
import type { Payment } from '../../payments/index.ts';
import type { Case, CaseEvent } from '../cases.ts';
import { caseMessages } from '../messages.ts';
import type { Workflow } from '../workflow.ts';
import { Payments } from './request-payments.tsx';
import { MessageForm, TextWithFileForm } from './text-forms.tsx';
import { Timeline } from './timeline.tsx';
import { type Transmission, TransmissionNote } from './transmission-note.tsx';

/** The citizen's side: the requests of the account in use, and one request followed. */
export function RequestsPage(props: {
  locale: Locale;
  cases: { item: Case; status: string }[];
  hasBefore: boolean;
  hasAfter: boolean;
}) {
  const t = caseMessages.translator(props.locale);
  const { t: tp } = usePage();
  const first = props.cases[0]?.item;
  const last = props.cases.at(-1)?.item;
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
            <a class="nowrap" href={`/requests/${item.id}`}>
              {item.reference}
            </a>,
            <InLanguage text={item.title} locale={props.locale} />,
            <Tag tone="info">{status}</Tag>,
            formatShortDate(props.locale, item.created_at),
          ])}
        />
      )}
      {(props.hasBefore || props.hasAfter) && (
        <nav class="pagination" aria-label={tp('pagination')}>
          {props.hasBefore && first && (
            <a class="pagination__link" href={`/requests?before=${first.id}`} rel="prev">
              {tp('previous')}
            </a>
          )}
          {props.hasAfter && last && (
            <a class="pagination__link" href={`/requests?after=${last.id}`} rel="next">
              {tp('next')}
            </a>
          )}
        </nav>
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
  transmission: Transmission;
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
        <InLanguage text={props.item.title} locale={props.locale} /> <span class="visually-hidden">–</span>{' '}
        <small class="nowrap">{props.item.reference}</small>
      </h1>
      <p>
        {t('status')}
        {colon(props.locale)} <Tag tone="info">{props.status}</Tag>
      </p>
      <TransmissionNote locale={props.locale} state={props.transmission} audience="citizen" />
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
            photoLabel={t('takePhoto')}
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
        <p>
          <a class="button button--secondary" href={`${base}/withdraw`}>
            {t('withdraw')}
          </a>
        </p>
      )}
    </>
  );
}
