import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary } from '../../../platform/views/components/error-summary.tsx';
import { Translations } from '../../../platform/views/components/translations.tsx';
import { builderMessages } from '../builder-messages.ts';
import { chosenCondition, conditionChoices } from '../condition-choices.ts';
import { type Field, type FormDefinition, prefillSources } from '../definition.ts';
import { fieldKinds, kindOf } from '../fields/registry.ts';
import type { Form } from '../forms.ts';

export const builderBase = '/back-office/forms';

/** A field type's name in the builder. */
export const typeName = (locale: Locale, type: string) => kindOf({ type }).name[locale];

/**
 * The condition a field is shown under, chosen from one menu that says each in words; a field
 * answered by typing is compared with the value typed below it (the only entry the menu cannot hold).
 */
function Condition(props: { field: Field; definition: FormDefinition; locale: Locale; error?: string }) {
  const t = builderMessages.translator(props.locale);
  const { field, definition, locale } = props;
  const choices = conditionChoices(definition, field, locale, (key, subject) =>
    t(key, { field: pick(subject.label, locale) }),
  );
  const chosen = chosenCondition(choices, field.showIf);
  const bySubject = Map.groupBy(choices, (c) => c.subject);
  return (
    <fieldset class="fieldset" id="condition" data-condition>
      <legend class="fieldset__legend">{t('showIf')}</legend>
      <div class={props.error ? 'field field--error' : 'field'}>
        <label class="field__label" for="conditionChoice">
          {t('conditionMenu')}
        </label>
        {props.error && (
          <p class="field__error" id="conditionChoice-error">
            {props.error}
          </p>
        )}
        <select
          class="field__input"
          id="conditionChoice"
          name="conditionChoice"
          aria-describedby={props.error ? 'conditionChoice-error' : undefined}
        >
          <option value="">{t('always')}</option>
          {[...bySubject].map(([subject, entries]) => (
            <optgroup label={pick(subject.label, locale)}>
              {entries.map((c) => (
                <option
                  value={c.key}
                  selected={chosen?.key === c.key}
                  data-typed={c.answer === undefined ? 'true' : undefined}
                >
                  {c.text}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div class="field" data-typed-value>
        <label class="field__label" for="conditionValue">
          {t('typedValue')}
        </label>
        <p class="field__hint" id="conditionValue-hint">
          {t('typedValueHint')}
        </p>
        <input
          class="field__input"
          id="conditionValue"
          name="conditionValue"
          aria-describedby="conditionValue-hint"
          value={chosen?.typed ?? ''}
        />
      </div>
    </fieldset>
  );
}

/** One field's page in the builder: what every field has, then what its type adds (`fields/<type>/`). */
export function FieldEditorPage(props: {
  locale: Locale;
  form: Form;
  definition: FormDefinition;
  field: Field;
  group?: Field;
  query?: Record<string, string>;
  /** Why the condition posted was not taken (the rest is shown as posted). */
  conditionError?: string;
}) {
  const t = builderMessages.translator(props.locale);
  const { field, form, definition, locale } = props;
  const kind = kindOf(field);
  const formPath = `${builderBase}/${form.id}`;
  return (
    <>
      <h1>{t('fieldTitle', { field: pick(field.label, locale) })}</h1>
      <ErrorSummary
        errors={props.conditionError ? [{ field: 'conditionChoice', message: props.conditionError }] : []}
      />
      <p>
        <a href={formPath}>{t('backToForm')}</a>
      </p>
      <form method="post" action={`${formPath}/fields/${field.id}`}>
        <CsrfField />
        <Translations name="label" legend={t('label')} value={field.label} multiline={kind.multilineLabel} />
        <Translations name="hint" legend={t('hint')} value={field.hint} />
        {kind.asks && (
          <div class="choice">
            <input
              type="checkbox"
              id="required"
              name="required"
              value="yes"
              checked={field.required === true}
            />
            <label for="required">{t('required')}</label>
          </div>
        )}
        {kind.Options({ field, definition, locale, t, query: props.query })}
        {!props.group && kind.prefillable && (
          <div class="field">
            <label class="field__label" for="prefill">
              {t('prefill')}
            </label>
            <select class="field__input" id="prefill" name="prefill">
              <option value="">{t('prefillNone')}</option>
              {prefillSources.map((source) => (
                <option value={source} selected={field.prefill === source}>
                  {source}
                </option>
              ))}
            </select>
          </div>
        )}
        {!props.group && (
          <Condition field={field} definition={definition} locale={locale} error={props.conditionError} />
        )}
        <Button>{t('save')}</Button>
      </form>
      {kind.Section?.({
        field,
        definition,
        locale,
        t,
        formPath,
        typeName: (type) => typeName(locale, type),
        columnTypes: fieldKinds.filter((k) => k.inGroup).map((k) => [k.type, k.name[locale]]),
      })}
    </>
  );
}
