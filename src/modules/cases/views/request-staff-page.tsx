import type { Child } from 'hono/jsx';
import { assuranceLevelName } from '../../../platform/http/assurance-level.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { InLanguage } from '../../../platform/views/components/in-language.tsx';
import { DocumentFileField } from '../../documents/index.ts';
import type { Payment } from '../../payments/index.ts';
import { backOfficeMessages } from '../back-office-messages.ts';
import type { Case, CaseEvent } from '../cases.ts';
import type { DecisionTemplate } from '../decision-letters.ts';
import { caseMessages } from '../messages.ts';
import type { Workflow } from '../workflow.ts';
import { Payments } from './request-payments.tsx';
import { MessageForm, TextArea } from './text-forms.tsx';
import { Timeline } from './timeline.tsx';
import { type Transmission, TransmissionNote } from './transmission-note.tsx';

/** The version of the request this page shows: acting on it fails if someone changed it meanwhile. */
const SeenVersion = (props: { item: Case }) => (
  <input type="hidden" name="version" value={String(props.item.version)} />
);

/** The request page of the back office: answers, assignment, moves, complement, decision, notes. */
export function CaseStaffPage(props: {
  locale: Locale;
  base: string;
  item: Case;
  workflow: Workflow;
  /** The letters the clerk may decide with. */
  templates: DecisionTemplate[];
  events: CaseEvent[];
  answers: Child;
  requester: string;
  representative: boolean;
  assignee: string;
  payments: Payment[];
  transmission: Transmission;
  errors: FieldError[];
  /** What the person wrote in the form that was refused, given back to them. */
  kept?: Record<string, string>;
}) {
  const t = caseMessages.translator(props.locale);
  const tb = backOfficeMessages.translator(props.locale);
  const base = `${props.base}/${props.item.id}`;
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const status = props.workflow.statuses[props.item.status];
  const transitions = props.workflow.transitions.filter((tr) => tr.from === props.item.status);
  const open = !status?.final && props.item.status !== 'granted' && props.item.status !== 'refused';
  return (
    <>
      <h1>
        {props.item.reference} – <InLanguage text={props.item.title} locale={props.locale} />
      </h1>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('status')}</dt>
          <dd>
            {pick(status?.staffLabel ?? { fr: props.item.status }, props.locale)}
            <TransmissionNote locale={props.locale} state={props.transmission} audience="staff" />
          </dd>
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
          <dd>{assuranceLevelName(props.locale, props.item.level)}</dd>
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
            <SeenVersion item={props.item} />
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
            <SeenVersion item={props.item} />
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
            <SeenVersion item={props.item} />
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
            <fieldset class="fieldset">
              <legend class="fieldset__legend">{tb('decideHow')}</legend>
              <FieldFrame
                id="decision-template"
                label={tb('decideTemplate')}
                hint={tb('decideWithLetterHint')}
                error={error('decision-template')}
              >
                <select
                  class="field__input"
                  id="decision-template"
                  name="template"
                  aria-describedby={describedBy('decision-template', {
                    hint: tb('decideWithLetterHint'),
                    error: error('decision-template'),
                  })}
                >
                  {props.templates.map((template) => (
                    <option value={template.id}>{pick(template.name, props.locale)}</option>
                  ))}
                </select>
              </FieldFrame>
              <p>{tb('decideWithFile')}</p>
              <DocumentFileField
                id="decision-file"
                name="file"
                label={t('decisionFile')}
                error={error('decision-file')}
              />
            </fieldset>
            <Button>{t('decide')}</Button>
          </form>
        </>
      )}
      <h2>{t('messagesTitle')}</h2>
      <MessageForm base={base} errors={props.errors} kept={props.kept} t={t} />
      <h2>{t('notesTitle')}</h2>
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
