import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Translations } from '../../../platform/views/components/translations.tsx';
import type { ShownFee } from '../../catalogue/index.ts';
import type { FeeContradiction } from '../fee-check.ts';
import { caseMessages } from '../messages.ts';
import { requiredStatuses, type Workflow } from '../workflow.ts';
import type { NewStatus } from '../workflow-form.ts';
import { CatalogueFees } from './catalogue-fees.tsx';

const roles = ['agent', 'authorityAdmin'] as const;

/** A problem `workflowProblems` found, as the designer reads it. */
export function describeProblem(
  t: ReturnType<typeof caseMessages.translator>,
  problem: string,
  label: (statusId: string) => string,
): string {
  const [kind = '', subject = ''] = problem.split(/:(.*)/s);
  const [from = '', to = ''] = subject.split('->');
  const status = label(subject);
  switch (kind) {
    case 'initial':
      return t('problemInitial');
    case 'missing':
      return t('problemMissing', { status });
    case 'id':
      return t('problemId', { status: subject });
    case 'label':
      return t('problemLabel', { status: subject });
    case 'timeout':
      return t('problemTimeout', { status });
    case 'transition':
      return t('problemTransition', { from: label(from), to: label(to) });
    case 'roles':
      return t('problemRoles', { from: label(from), to: label(to) });
    case 'exists':
      return t('problemExists', { status: subject });
    case 'payment':
      return t('problemPayment', { status });
    case 'in-use':
      return t('problemInUse', { status });
    default:
      return problem;
  }
}

/** The menus' reading of an automatic transition's rule: one field compared with one value. */
function autoOf(rule: unknown): { field: string; operator: string; value: string } | undefined {
  const [operator, operands] =
    Object.entries((rule ?? {}) as Record<string, [{ var: string }, unknown]>)[0] ?? [];
  if (!operator || !Array.isArray(operands)) return undefined;
  return { field: operands[0]?.var ?? '', operator, value: String(operands[1] ?? '') };
}

/** The workflow of one form's requests, edited as tables: statuses, then transitions; no code. */
export function WorkflowPage(props: {
  locale: Locale;
  formName: string;
  action: string;
  workflow: Workflow;
  errors: FieldError[];
  saved: boolean;
  /** Shown so that the business application can check the signatures. */
  /** The form's fields an automatic transition may test. */
  fields: { id: string; label: string }[];
  /** The form's fields that hold an amount in francs a fee may take. */
  feeFields: { id: string; label: string }[];
  newStatus?: NewStatus;
  /** The fee the catalogue shows, checked against this workflow's. */
  fees?: { shown: ShownFee[]; contradictions: FeeContradiction[] };
}) {
  const t = caseMessages.translator(props.locale);
  const ids = Object.keys(props.workflow.statuses);
  const options = (selected: string) =>
    ids.map((id) => (
      <option value={id} selected={id === selected}>
        {pick(props.workflow.statuses[id]?.staffLabel ?? { fr: id }, props.locale)}
      </option>
    ));
  const rows = [...props.workflow.transitions, { from: '', to: '', roles: [], label: { fr: '' } }];
  return (
    <>
      <h1>{t('workflowTitle', { form: props.formName })}</h1>
      <p class="lead">{t('workflowLead')}</p>
      {props.saved && <NotificationBanner kind="success">{t('workflowSaved')}</NotificationBanner>}
      <ErrorSummary errors={props.errors} />
      {props.fees && (
        <section aria-labelledby="catalogue-fee">
          <h2 id="catalogue-fee">{t('feeShownTitle')}</h2>
          <CatalogueFees
            locale={props.locale}
            shown={props.fees.shown}
            contradictions={props.fees.contradictions}
            statusLabel={(id) => pick(props.workflow.statuses[id]?.staffLabel ?? { fr: id }, props.locale)}
          />
        </section>
      )}
      <form method="post" action={props.action}>
        <CsrfField />
        <div class="field">
          <label class="field__label" for="initial">
            {t('initialStatus')}
          </label>
          <select class="field__input" id="initial" name="initial">
            {options(props.workflow.initial)}
          </select>
        </div>
        {ids.map((id) => {
          const status = props.workflow.statuses[id];
          const name = (field: string) => `status.${id}.${field}`;
          const fieldId = (field: string) => `status-${id}-${field}`;
          return (
            <fieldset class="fieldset builder-step">
              <legend class="fieldset__legend">{pick(status?.staffLabel ?? { fr: id }, props.locale)}</legend>
              <Translations name={name('staffLabel')} legend={t('staffWording')} value={status?.staffLabel} />
              <Translations
                name={name('citizenLabel')}
                legend={t('citizenWording')}
                hint={t('citizenWordingHint')}
                value={status?.citizenLabel}
              />
              {!requiredStatuses.includes(id) && (
                <div class="choice">
                  <input
                    type="checkbox"
                    id={fieldId('final')}
                    name={name('final')}
                    value="yes"
                    checked={Boolean(status?.final)}
                  />
                  <label for={fieldId('final')}>{t('finalField')}</label>
                </div>
              )}
              <div class="choice">
                <input
                  type="checkbox"
                  id={fieldId('notify')}
                  name={name('notify')}
                  value="yes"
                  checked={Boolean(status?.notify)}
                />
                <label for={fieldId('notify')}>{t('notifyOnEnter')}</label>
              </div>
              <div class="choice">
                <input
                  type="checkbox"
                  id={fieldId('withdrawable')}
                  name={name('withdrawable')}
                  value="yes"
                  checked={Boolean(status?.withdrawable)}
                />
                <label for={fieldId('withdrawable')}>{t('withdrawableField')}</label>
              </div>
              <Translations
                name={name('letterTitle')}
                legend={t('letterTitle')}
                value={status?.letter?.title}
              />
              <Translations
                name={name('letterText')}
                legend={t('letterText')}
                hint={t('letterHint')}
                value={status?.letter?.text}
                multiline
              />
              <div class="field">
                <label class="field__label" for={fieldId('days')}>
                  {t('timeoutDays')}
                </label>
                <input
                  class="field__input"
                  id={fieldId('days')}
                  name={name('timeoutDays')}
                  inputmode="numeric"
                  value={status?.timeout ? String(status.timeout.days) : ''}
                />
              </div>
              <div class="field">
                <label class="field__label" for={fieldId('to')}>
                  {t('timeoutTo')}
                </label>
                <select class="field__input" id={fieldId('to')} name={name('timeoutTo')}>
                  {options(status?.timeout?.to ?? 'closed')}
                </select>
              </div>
              <div class="field">
                <label class="field__label" for={fieldId('paymentAmount')}>
                  {t('paymentAmount')}
                </label>
                <p class="field__hint" id={fieldId('paymentAmount-hint')}>
                  {t('paymentAmountHint')}
                </p>
                <input
                  class="field__input"
                  id={fieldId('paymentAmount')}
                  name={name('paymentAmount')}
                  inputmode="decimal"
                  value={
                    status?.payment?.amountCents !== undefined
                      ? (status.payment.amountCents / 100).toFixed(2)
                      : ''
                  }
                  aria-describedby={fieldId('paymentAmount-hint')}
                />
              </div>
              <div class="field">
                <label class="field__label" for={fieldId('paymentField')}>
                  {t('paymentField')}
                </label>
                <select class="field__input" id={fieldId('paymentField')} name={name('paymentField')}>
                  <option value="">{t('paymentFieldNone')}</option>
                  {props.feeFields.map((field) => (
                    <option value={field.id} selected={status?.payment?.amountField === field.id}>
                      {field.label}
                    </option>
                  ))}
                </select>
              </div>
              <Translations
                name={name('paymentPurpose')}
                legend={t('paymentPurpose')}
                value={status?.payment?.purpose}
              />
              <div class="field">
                <label class="field__label" for={fieldId('paidTo')}>
                  {t('paymentPaidTo')}
                </label>
                <select class="field__input" id={fieldId('paidTo')} name={name('paidTo')}>
                  {options(status?.payment?.paidTo ?? 'in_progress')}
                </select>
              </div>
              {!requiredStatuses.includes(id) && id !== props.workflow.initial && (
                <div class="choice">
                  <input type="checkbox" id={fieldId('remove')} name={name('remove')} value="yes" />
                  <label for={fieldId('remove')}>{t('removeStatus')}</label>
                </div>
              )}
            </fieldset>
          );
        })}
        <fieldset class="fieldset builder-step">
          <legend class="fieldset__legend">{t('newStatus')}</legend>
          <div class="field">
            <label class="field__label" for="newStatus-id">
              {t('newStatusId')}
            </label>
            <p class="field__hint" id="newStatus-id-hint">
              {t('newStatusIdHint')}
            </p>
            <input
              class="field__input"
              id="newStatus-id"
              name="newStatus.id"
              value={props.newStatus?.id ?? ''}
              pattern="[a-z][a-z0-9_]{0,39}"
              aria-describedby="newStatus-id-hint"
            />
          </div>
          <Translations
            name="newStatus.staffLabel"
            legend={t('staffWording')}
            value={props.newStatus?.staffLabel}
          />
          <Translations
            name="newStatus.citizenLabel"
            legend={t('citizenWording')}
            hint={t('citizenWordingHint')}
            value={props.newStatus?.citizenLabel}
          />
        </fieldset>
        <h2>{t('transitionsTitle')}</h2>
        {rows.map((transition, i) => (
          <fieldset class="fieldset builder-step">
            <legend class="fieldset__legend">
              {i < props.workflow.transitions.length ? `${t('transition')} ${i + 1}` : t('newTransition')}
            </legend>
            <div class="field">
              <label class="field__label" for={`transition-${i}-from`}>
                {t('fromStatus')}
              </label>
              <select class="field__input" id={`transition-${i}-from`} name={`transition.${i}.from`}>
                <option value="">—</option>
                {options(transition.from)}
              </select>
            </div>
            <div class="field">
              <label class="field__label" for={`transition-${i}-to`}>
                {t('toStatus')}
              </label>
              <select class="field__input" id={`transition-${i}-to`} name={`transition.${i}.to`}>
                <option value="">—</option>
                {options(transition.to)}
              </select>
            </div>
            <Translations
              name={`transition.${i}.label`}
              legend={t('buttonLabel')}
              value={transition.label.fr ? transition.label : undefined}
            />
            <div class="field">
              <label class="field__label" for={`transition-${i}-autoField`}>
                {t('autoField')}
              </label>
              <select
                class="field__input"
                id={`transition-${i}-autoField`}
                name={`transition.${i}.autoField`}
              >
                <option value="">{t('autoNever')}</option>
                {props.fields.map((field) => (
                  <option value={field.id} selected={autoOf(transition.auto)?.field === field.id}>
                    {field.label}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label class="field__label" for={`transition-${i}-autoOperator`}>
                {t('autoOperator')}
              </label>
              <select
                class="field__input"
                id={`transition-${i}-autoOperator`}
                name={`transition.${i}.autoOperator`}
              >
                {['==', '!=', '>', '<'].map((op) => (
                  <option value={op} selected={autoOf(transition.auto)?.operator === op}>
                    {op}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label class="field__label" for={`transition-${i}-autoValue`}>
                {t('autoValue')}
              </label>
              <input
                class="field__input"
                id={`transition-${i}-autoValue`}
                name={`transition.${i}.autoValue`}
                value={autoOf(transition.auto)?.value ?? ''}
              />
            </div>
            {roles.map((role) => (
              <div class="choice">
                <input
                  type="checkbox"
                  id={`transition-${i}-${role}`}
                  name={`transition.${i}.roles`}
                  value={role}
                  checked={(transition.roles as string[]).includes(role)}
                />
                <label for={`transition-${i}-${role}`}>
                  {t(role === 'agent' ? 'roleAgent' : 'roleAdmin')}
                </label>
              </div>
            ))}
          </fieldset>
        ))}
        <Button>{t('saveWorkflow')}</Button>
      </form>
    </>
  );
}
