import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { Translations } from '../../../platform/views/components/translations.tsx';
import { builderMessages } from '../builder-messages.ts';
import { allFields, type Field, type FormDefinition, prefillSources } from '../definition.ts';
import { fieldKinds, kindOf } from '../fields/registry.ts';
import type { Form } from '../forms.ts';

export const builderBase = '/back-office/forms';

/** A field type's name in the builder. */
export const typeName = (locale: Locale, type: string) => kindOf({ type }).name[locale];

/** The condition a field is shown under, as the builder writes it: a field, an operator, a value. */
function Condition(props: { field: Field; definition: FormDefinition; locale: Locale }) {
  const t = builderMessages.translator(props.locale);
  const { field } = props;
  const candidates = allFields(props.definition).filter(
    ({ field: f, group }) => !group && f.id !== field.id && kindOf(f).conditionValue !== undefined,
  );
  const rule = field.showIf as Record<string, [{ var: string }, unknown]> | undefined;
  const [operator, operands] = rule ? (Object.entries(rule)[0] ?? []) : [];
  return (
    <fieldset class="fieldset" id="condition">
      <legend class="fieldset__legend">{t('showIf')}</legend>
      <div class="field">
        <label class="field__label" for="conditionField">
          {t('field')}
        </label>
        <select class="field__input" id="conditionField" name="conditionField">
          <option value="">{t('always')}</option>
          {candidates.map(({ field: f }) => (
            <option value={f.id} selected={operands?.[0]?.var === f.id}>
              {pick(f.label, props.locale)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label class="field__label" for="conditionOperator">
          {t('operator')}
        </label>
        <select class="field__input" id="conditionOperator" name="conditionOperator">
          {(
            [
              ['==', t('equals')],
              ['!=', t('differs')],
              ['>', t('greater')],
              ['<', t('less')],
            ] as const
          ).map(([value, label]) => (
            <option value={value} selected={operator === value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label class="field__label" for="conditionValue">
          {t('value')}
        </label>
        <input
          class="field__input"
          id="conditionValue"
          name="conditionValue"
          value={
            operands === undefined
              ? ''
              : String(operands[1] === true ? 'yes' : operands[1] === false ? 'no' : operands[1])
          }
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
}) {
  const t = builderMessages.translator(props.locale);
  const { field, form, definition, locale } = props;
  const kind = kindOf(field);
  const formPath = `${builderBase}/${form.id}`;
  return (
    <>
      <h1>{t('fieldTitle', { field: pick(field.label, locale) })}</h1>
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
        {kind.Options({ field, definition, locale, t })}
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
        {!props.group && <Condition field={field} definition={definition} locale={locale} />}
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
