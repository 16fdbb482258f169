import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { paymentMessages } from '../messages.ts';
import type { SettingsInput } from '../payment-settings.ts';

/** The administrator's form: provider and merchant (secrets never shown), creditor, accounting codes. */
export function SettingsPage(props: {
  locale: Locale;
  authorityName: string;
  action: string;
  /** What is recorded, or what was typed (secrets always blank). */
  values: SettingsInput;
  /** None recorded yet. */
  fresh: boolean;
  saved: boolean;
  errors: FieldError[];
}) {
  const t = paymentMessages.translator(props.locale);
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const { merchant, creditor } = props.values;
  const text = (name: string, label: string, value: string | undefined, hint?: string) => (
    <TextInput name={name} label={label} value={value ?? ''} hint={hint} error={error(name)} />
  );
  const secret = (name: string, label: string) => (
    <TextInput
      name={name}
      label={label}
      type="password"
      autocomplete="off"
      hint={t('secretHint')}
      error={error(name)}
    />
  );
  return (
    <>
      <h1>{t('settingsTitle', { authority: props.authorityName })}</h1>
      <ErrorSummary errors={props.errors} />
      {props.saved && <NotificationBanner kind="success">{t('settingsSaved')}</NotificationBanner>}
      <p class="lead">{t('settingsLead', { authority: props.authorityName })}</p>
      {props.fresh && <p>{t('noSettings')}</p>}
      <form method="post" action={props.action}>
        <CsrfField />
        <fieldset class="fieldset" id="provider">
          <legend class="fieldset__legend">{t('providerLabel')}</legend>
          {(
            [
              ['datatrans', 'Datatrans'],
              ['saferpay', 'Worldline Saferpay'],
            ] as const
          ).map(([value, label]) => (
            <div class="choice">
              <input
                type="radio"
                id={`provider-${value}`}
                name="provider"
                value={value}
                checked={props.values.provider === value}
              />
              <label for={`provider-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <h2>{t('merchantHeading')}</h2>
        <p class="field__hint">{t('providerFieldsHint')}</p>
        <fieldset class="fieldset">
          <legend class="fieldset__legend">Datatrans</legend>
          {text('merchantId', t('merchantId'), merchant.merchantId)}
          {secret('password', t('password'))}
          {secret('signKey', t('signKey'))}
        </fieldset>
        <fieldset class="fieldset">
          <legend class="fieldset__legend">Worldline Saferpay</legend>
          {text('customerId', t('customerId'), merchant.customerId)}
          {text('terminalId', t('terminalId'), merchant.terminalId)}
          {text('apiUser', t('apiUser'), merchant.apiUser)}
          {secret('apiPassword', t('apiPassword'))}
        </fieldset>
        <h2>{t('creditorHeading')}</h2>
        {text('name', t('creditorName'), creditor.name)}
        {text('street', t('street'), creditor.street)}
        {text('buildingNumber', t('buildingNumber'), creditor.buildingNumber)}
        {text('postalCode', t('postalCode'), creditor.postalCode)}
        {text('town', t('town'), creditor.town)}
        {text('country', t('country'), creditor.country || 'CH')}
        {text('iban', t('iban'), creditor.iban, t('ibanHint'))}
        {text('qrIban', t('qrIban'), creditor.qrIban)}
        <div class={error('accountingCodes') ? 'field field--error' : 'field'}>
          <label class="field__label" for="accountingCodes">
            {t('accountingCodes')}
          </label>
          <p class="field__hint" id="accountingCodes-hint">
            {t('accountingCodesHint')}
          </p>
          {error('accountingCodes') && (
            <p class="field__error" id="accountingCodes-error">
              {error('accountingCodes')}
            </p>
          )}
          <textarea
            class="field__input"
            id="accountingCodes"
            name="accountingCodes"
            rows={4}
            aria-describedby={
              error('accountingCodes') ? 'accountingCodes-hint accountingCodes-error' : 'accountingCodes-hint'
            }
          >
            {props.values.accountingCodes}
          </textarea>
        </div>
        <Button>{t('saveSettings')}</Button>
      </form>
    </>
  );
}
