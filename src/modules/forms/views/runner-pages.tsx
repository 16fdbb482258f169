import type { Child } from 'hono/jsx';
import { formatChf, formatDateTime } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { InLanguage } from '../../../platform/views/components/in-language.tsx';
import { KeptPostField, KeptPostNotice } from '../../../platform/views/components/kept-post-notice.tsx';
import type { NextSteps } from '../../cases/index.ts';
import type { FormDefinition, FormStep } from '../definition.ts';
import { describeCondition, readsStep } from '../describe-condition.ts';
import { displayValue } from '../display.ts';
import type { Submission } from '../drafts.ts';
import type { CaptureView } from '../fields/document/document-kinds.ts';
import { kindOf } from '../fields/registry.ts';
import { formMessages } from '../messages.ts';
import type { Answers } from '../validate.ts';
import { FieldInput } from './fields.tsx';

export const draftPath = (id: string) => `/forms/drafts/${id}`;

export function StepPage(props: {
  locale: Locale;
  definition: FormDefinition;
  step: FormStep;
  position: { index: number; count: number };
  draftId: string;
  answers: Answers;
  state: { fields: { id: string; visible: boolean; required: boolean }[] };
  errors: FieldError[];
  known: Set<string>;
  backHref?: string;
  nonce: string;
  savedLater?: boolean;
  /**
   * Filled in from a post kept after a time-out: the labels of the file fields to attach again (the
   * form then says so, and sending it forgets the kept post).
   */
  keptFiles?: string[];
  /** Document fields' pages waiting and phone links, by field id. */
  captures?: Record<string, CaptureView>;
}) {
  const t = formMessages.translator(props.locale);
  const errors = Object.fromEntries(props.errors.map((e) => [e.field, e.message]));
  // What the script needs to re-evaluate the logic as the person answers.
  const state = JSON.stringify({
    definition: props.definition,
    answers: props.answers,
    step: props.step.id,
  }).replace(/</g, '\\u003c');
  return (
    <>
      <p class="form-progress">
        {t('stepOf', { step: props.position.index + 1, steps: props.position.count })}
      </p>
      <h1>
        <InLanguage text={props.step.title} locale={props.locale} />
      </h1>
      {props.savedLater && <p class="notification notification--success">{t('savedLater')}</p>}
      {props.keptFiles && <KeptPostNotice fileLabels={props.keptFiles} />}
      <ErrorSummary errors={props.errors.map((e) => summaryEntry(e, props.step, t, props.locale))} />
      <form
        method="post"
        action={`${draftPath(props.draftId)}/steps/${props.step.id}`}
        enctype="multipart/form-data"
        novalidate
        data-form-runner
        data-kept-after-timeout
      >
        <CsrfField />
        {props.keptFiles && <KeptPostField />}
        {props.step.fields.map((field, i) => (
          <FieldInput
            field={field}
            name={field.id}
            value={props.answers[field.id]}
            locale={props.locale}
            errors={errors}
            required={props.state.fields[i]?.required ?? false}
            visible={props.state.fields[i]?.visible ?? true}
            known={props.known.has(field.id)}
            capture={props.captures?.[field.id]}
            requiredWhen={
              field.requiredIf !== undefined && readsStep(field.requiredIf, props.step)
                ? describeCondition(field.requiredIf, props.definition, props.locale)
                : undefined
            }
          />
        ))}
        <div class="button-group">
          <Button name="action" value="next">
            {t('continue')}
          </Button>
          <Button variant="secondary" name="action" value="save">
            {t('saveLater')}
          </Button>
        </div>
      </form>
      {props.backHref && (
        <p>
          <a href={props.backHref}>{t('back')}</a>
        </p>
      )}
      <p>
        <a href={`${draftPath(props.draftId)}/delete`}>{t('deleteDraft')}</a>
      </p>
      <script
        type="application/json"
        id="form-state"
        nonce={props.nonce}
        dangerouslySetInnerHTML={{ __html: state }}
      />
    </>
  );
}

/**
 * An error of the summary names its question: four "This field is required" in a row tell nothing
 * (WCAG 3.3.1). A message that already names it is left as it is.
 */
function summaryEntry(
  error: FieldError,
  step: FormStep,
  t: ReturnType<typeof formMessages.translator>,
  locale: Locale,
): FieldError {
  const field = step.fields.find((f) => f.id === error.field);
  const label = field && pick(field.label, locale);
  return {
    field: error.field.replace(/[[\].]/g, '-'),
    message:
      label && !error.message.includes(label)
        ? t('errorOf', { field: label, message: error.message })
        : error.message,
  };
}

export function ReviewPage(props: {
  locale: Locale;
  definition: FormDefinition;
  draftId: string;
  answers: Answers;
  activeSteps: Set<string>;
  errors: FieldError[];
  /** The fee the form's catalogue entry announces, if any. */
  feeCents?: number | undefined;
}) {
  const t = formMessages.translator(props.locale);
  return (
    <>
      <h1>{t('reviewTitle')}</h1>
      <p class="lead">{t('reviewLead')}</p>
      <ErrorSummary errors={props.errors} />
      {props.definition.steps
        .filter((step) => props.activeSteps.has(step.id))
        .map((step) => (
          <section aria-labelledby={`review-${step.id}`}>
            <h2 id={`review-${step.id}`}>
              <InLanguage text={step.title} locale={props.locale} />
            </h2>
            <dl class="summary-list">
              {step.fields
                .filter((f) => kindOf(f).hasValue && props.answers[f.id] !== undefined)
                .map((field) => (
                  <div class="summary-list__row">
                    <dt>
                      <InLanguage text={field.label} locale={props.locale} />
                    </dt>
                    <dd class="pre-line">{displayValue(field, props.answers[field.id], props.locale)}</dd>
                  </div>
                ))}
            </dl>
            <p>
              <a href={`${draftPath(props.draftId)}?step=${step.id}`}>
                {t('change')}
                <span class="visually-hidden"> {pick(step.title, props.locale)}</span>
              </a>
            </p>
          </section>
        ))}
      {props.feeCents ? <p>{t('reviewFee', { amount: formatChf(props.locale, props.feeCents) })}</p> : null}
      <form method="post" action={`${draftPath(props.draftId)}/submit`}>
        <CsrfField />
        <Button>{t('submit')}</Button>
      </form>
    </>
  );
}

export function SubmittedPage(props: {
  locale: Locale;
  definition: FormDefinition;
  submission: Submission;
  next: NextSteps;
  /** The invitation to say how the procedure went (the indicators' survey). */
  survey?: Child;
}) {
  const t = formMessages.translator(props.locale);
  const { fee, status, processingDays, requestId } = props.next;
  const amount = fee && formatChf(props.locale, fee.amountCents);
  return (
    <>
      <h1>{t('submittedTitle')}</h1>
      <p class="lead">
        {t('submittedLead', {
          form: pick(props.definition.title, props.locale),
          date: formatDateTime(props.locale, props.submission.submittedAt),
          reference: props.submission.reference,
        })}
      </p>
      <p>
        <a class="button button--secondary" href={`/forms/submissions/${props.submission.id}/receipt.pdf`}>
          {t('receipt')}
        </a>
      </p>
      <h2>{t('nextTitle')}</h2>
      {fee && amount && (
        <>
          <p>{t('nextDue', { amount })}</p>
          <p>
            {/* Before the job has asked the fee, `/pay` waits for it, then goes on to the payment. */}
            <a
              class="button button--primary"
              href={
                fee.paymentId ? `/payments/${fee.paymentId}` : `/forms/submissions/${props.submission.id}/pay`
              }
            >
              {t('pay', { amount })}
            </a>
          </p>
        </>
      )}
      {status && <p>{t('nextStatus', { status: pick(status, props.locale) })}</p>}
      {processingDays !== null && processingDays > 0 && <p>{t('nextDays', { days: processingDays })}</p>}
      <p>
        <a href={requestId ? `/requests/${requestId}` : '/requests'}>{t('followRequest')}</a>
      </p>
      {props.survey}
    </>
  );
}

export function ExitPage(props: { locale: Locale; step: FormStep; backHref: string }) {
  const t = formMessages.translator(props.locale);
  return (
    <>
      <h1>{t('exitTitle')}</h1>
      <p class="lead">{props.step.exitMessage ? pick(props.step.exitMessage, props.locale) : ''}</p>
      <p>
        <a href={props.backHref}>{t('back')}</a>
      </p>
    </>
  );
}

export function StartPage(props: {
  locale: Locale;
  definition: FormDefinition;
  action: string;
  accountName: string;
  /** The person's unfinished draft of this form in the account: going on with it comes first. */
  unfinished?: { href: string; updatedAt: Date } | undefined;
}) {
  const t = formMessages.translator(props.locale);
  const { unfinished } = props;
  return (
    <>
      <h1>{t('startTitle', { form: pick(props.definition.title, props.locale) })}</h1>
      <p class="lead">{t('startLead')}</p>
      <p>{t('startActing', { account: props.accountName })}</p>
      {unfinished ? (
        <form method="post" action={props.action} class="button-group">
          <a class="button button--primary" href={unfinished.href}>
            {t('resumeDraftOf', { date: formatDateTime(props.locale, new Date(unfinished.updatedAt)) })}
          </a>
          <CsrfField />
          <Button variant="secondary">{t('startNew')}</Button>
        </form>
      ) : (
        <form method="post" action={props.action}>
          <CsrfField />
          <Button>{t('start')}</Button>
        </form>
      )}
    </>
  );
}
