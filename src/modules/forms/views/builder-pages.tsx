import type { Child } from 'hono/jsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { Translations } from '../../../platform/views/components/translations.tsx';
import type { Authority } from '../../authorities/index.ts';
import { builderMessages } from '../builder-messages.ts';
import {
  allFields,
  type Field,
  type FieldType,
  type FormDefinition,
  fieldTypes,
  prefillSources,
} from '../definition.ts';
import type { Form } from '../forms.ts';
import { FieldInput } from './fields.tsx';

export const builderBase = '/back-office/forms';
type T = ReturnType<typeof builderMessages.translator>;

export const typeLabel = (t: T, type: FieldType) =>
  t(`type${type[0]?.toUpperCase()}${type.slice(1)}` as Parameters<T>[0]);

/** One small form per action, so that every change works with the keyboard and without JavaScript. */
function Actions(props: {
  form: string;
  /** Each action with its button's label, all on the same target. */
  actions: [string, string][];
  context: string;
  fields: Record<string, string>;
}) {
  return (
    <>
      {props.actions.map(([action, label]) => (
        <form method="post" action={`${builderBase}/${props.form}/actions`} class="inline-form">
          <CsrfField />
          <input type="hidden" name="action" value={action} />
          {Object.entries(props.fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit" class="button button--secondary button--small">
            {label}
            <span class="visually-hidden"> {props.context}</span>
          </button>
        </form>
      ))}
    </>
  );
}

export function FormsListPage(props: {
  locale: Locale;
  forms: Form[];
  authorities: Authority[];
  authorityName: (id: string) => string;
}) {
  const t = builderMessages.translator(props.locale);
  return (
    <>
      <h1>{t('formsTitle')}</h1>
      <p class="lead">{t('formsLead')}</p>
      <Table
        caption={t('formsTitle')}
        head={[t('formName'), t('authority'), t('version')]}
        rows={props.forms.map((f) => [
          <a href={`${builderBase}/${f.id}`}>{f.name}</a>,
          props.authorityName(f.authorityId),
          f.publishedVersion === f.latestVersion ? (
            <Tag tone="success">{`${t('published')} ${f.latestVersion}`}</Tag>
          ) : (
            <Tag tone="info">{`${t('draft')} ${f.latestVersion}`}</Tag>
          ),
        ])}
      />
      <h2>{t('newForm')}</h2>
      <form method="post" action={builderBase}>
        <CsrfField />
        <div class="field">
          <label class="field__label" for="name">
            {t('formName')}
          </label>
          <input class="field__input" id="name" name="name" required />
        </div>
        <div class="field">
          <label class="field__label" for="authority">
            {t('authority')}
          </label>
          <select class="field__input" id="authority" name="authority">
            {props.authorities.map((a) => (
              <option value={a.id}>{pick(a.names, props.locale, a.languages)}</option>
            ))}
          </select>
        </div>
        <Button>{t('create')}</Button>
      </form>
    </>
  );
}

function conditionSummary(field: Field, definition: FormDefinition, locale: Locale): string {
  const rule = field.showIf as Record<string, [{ var: string }, unknown]> | undefined;
  if (!rule) return '—';
  const [operator, operands] = Object.entries(rule)[0] ?? [];
  const target = allFields(definition).find((f) => f.field.id === operands?.[0]?.var)?.field;
  return `${target ? pick(target.label, locale) : '?'} ${operator} ${JSON.stringify(operands?.[1])}`;
}

export function EditorPage(props: {
  locale: Locale;
  form: Form;
  definition: FormDefinition;
  history: { version: number; savedBy: string; savedAt: Date; publishedAt: Date | null }[];
  notice?: string;
  errors: FieldError[];
}) {
  const t = builderMessages.translator(props.locale);
  const { form, definition } = props;
  const latestPublished = form.publishedVersion === form.latestVersion;
  return (
    <>
      <h1>{t('editTitle', { form: pick(definition.title, props.locale) })}</h1>
      {props.notice && <NotificationBanner kind="success">{props.notice}</NotificationBanner>}
      <ErrorSummary errors={props.errors} />
      <p class="button-group">
        <a class="button button--secondary" href={`${builderBase}/${form.id}/preview`}>
          {t('preview')}
        </a>
        <a class="button button--secondary" href={`${builderBase}/${form.id}/preview?mobile=1`}>
          {t('previewMobile')}
        </a>
        <a class="button button--secondary" href={`${builderBase}/${form.id}/workflow`}>
          {t('workflow')}
        </a>
        <a class="button button--secondary" href={`${builderBase}/${form.id}/export.json`}>
          {t('exportJson')}
        </a>
        {form.publishedVersion !== null && (
          <a class="button button--secondary" href={`${builderBase}/${form.id}/schema.json`}>
            {t('schema')}
          </a>
        )}
      </p>
      {!latestPublished && (
        <form method="post" action={`${builderBase}/${form.id}/publish`}>
          <CsrfField />
          <Button>{t('publish', { version: form.latestVersion })}</Button>
        </form>
      )}
      <form method="post" action={`${builderBase}/${form.id}/actions`}>
        <CsrfField />
        <input type="hidden" name="action" value="setTitle" />
        <Translations name="title" legend={t('formTitle')} value={definition.title} />
        <Button variant="secondary">{t('save')}</Button>
      </form>
      {definition.steps.map((step, s) => (
        <section
          class="builder-step"
          aria-labelledby={`step-${step.id}`}
          data-form={form.id}
          data-fields={step.fields.map((f) => f.id).join(' ')}
        >
          <h2 id={`step-${step.id}`}>
            {t('step')} {s + 1} : {pick(step.title, props.locale)}
          </h2>
          <form method="post" action={`${builderBase}/${form.id}/actions`}>
            <CsrfField />
            <input type="hidden" name="action" value="setStepTitle" />
            <input type="hidden" name="step" value={step.id} />
            <Translations name={`stepTitle-${step.id}`} legend={t('stepTitle')} value={step.title} />
            <Button variant="secondary">{t('save')}</Button>
          </form>
          <div class="button-group">
            <Actions
              form={form.id}
              actions={[
                ['moveStep:-1', t('moveUp')],
                ['moveStep:1', t('moveDown')],
                ['deleteStep', t('remove')],
              ]}
              context={pick(step.title, props.locale)}
              fields={{ step: step.id }}
            />
          </div>
          {step.fields.length === 0 ? (
            <p>{t('noFields')}</p>
          ) : (
            <Table
              caption={`${t('step')} ${s + 1}`}
              head={[t('field'), t('type'), t('requiredCol'), t('condition'), t('actions')]}
              rows={step.fields.map((field) => {
                const name = pick(field.label, props.locale);
                const actions: Child = (
                  <div class="button-group">
                    <a href={`${builderBase}/${form.id}/fields/${field.id}`}>
                      {t('edit')}
                      <span class="visually-hidden"> {name}</span>
                    </a>
                    <Actions
                      form={form.id}
                      actions={[
                        ['moveField:-1', t('moveUp')],
                        ['moveField:1', t('moveDown')],
                        ['duplicateField', t('duplicate')],
                        ['deleteField', t('remove')],
                      ]}
                      context={name}
                      fields={{ field: field.id }}
                    />
                  </div>
                );
                return [
                  name,
                  typeLabel(t, field.type),
                  field.required ? '✓' : '',
                  conditionSummary(field, definition, props.locale),
                  actions,
                ];
              })}
            />
          )}
          <form method="post" action={`${builderBase}/${form.id}/actions`} class="builder-add">
            <CsrfField />
            <input type="hidden" name="action" value="addField" />
            <input type="hidden" name="step" value={step.id} />
            <div class="field">
              <label class="field__label" for={`type-${step.id}`}>
                {t('fieldType')}
              </label>
              <select class="field__input" id={`type-${step.id}`} name="type">
                {fieldTypes.map((type) => (
                  <option value={type}>{typeLabel(t, type)}</option>
                ))}
              </select>
            </div>
            <Button variant="secondary">
              {t('addField')}
              <span class="visually-hidden"> {pick(step.title, props.locale)}</span>
            </Button>
          </form>
        </section>
      ))}
      <form method="post" action={`${builderBase}/${form.id}/actions`}>
        <CsrfField />
        <input type="hidden" name="action" value="addStep" />
        <Button variant="secondary">{t('addStep')}</Button>
      </form>
      <h2>{t('importJson')}</h2>
      <form method="post" action={`${builderBase}/${form.id}/import`}>
        <CsrfField />
        <div class="field">
          <label class="field__label" for="definition">
            {t('importJson')}
          </label>
          <textarea class="field__input" id="definition" name="definition" rows={6} />
        </div>
        <Button variant="secondary">{t('importButton')}</Button>
      </form>
      <Table
        caption={t('history')}
        head={[t('version'), t('savedBy'), t('savedAt')]}
        rows={props.history.map((h) => [
          h.publishedAt ? `${h.version} (${t('published')})` : String(h.version),
          h.savedBy,
          formatDateTime(props.locale, h.savedAt),
        ])}
      />
    </>
  );
}

export function FieldEditorPage(props: {
  locale: Locale;
  form: Form;
  definition: FormDefinition;
  field: Field;
  group?: Field;
}) {
  const t = builderMessages.translator(props.locale);
  const { field, form, definition } = props;
  const base = `${builderBase}/${form.id}/fields/${field.id}`;
  const candidates = allFields(definition).filter(
    ({ field: f, group }) =>
      !group && f.id !== field.id && ['choice', 'yesno', 'number', 'text'].includes(f.type),
  );
  const rule = field.showIf as Record<string, [{ var: string }, unknown]> | undefined;
  const [operator, operands] = rule ? (Object.entries(rule)[0] ?? []) : [];
  const numberInput = (name: 'min' | 'max' | 'maxLength', label: string) => (
    <div class="field">
      <label class="field__label" for={name}>
        {label}
      </label>
      <input
        class="field__input"
        id={name}
        name={name}
        inputmode="numeric"
        value={field[name] === undefined ? '' : String(field[name])}
      />
    </div>
  );
  const product = (field.expression as { '*'?: [{ var: string }, number] } | undefined)?.['*'];
  return (
    <>
      <h1>{t('fieldTitle', { field: pick(field.label, props.locale) })}</h1>
      <p>
        <a href={`${builderBase}/${form.id}`}>{t('backToForm')}</a>
      </p>
      <form method="post" action={base}>
        <CsrfField />
        <Translations
          name="label"
          legend={t('label')}
          value={field.label}
          multiline={field.type === 'info'}
        />
        <Translations name="hint" legend={t('hint')} value={field.hint} />
        {!['info', 'computed'].includes(field.type) && (
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
        {(field.type === 'choice' || field.type === 'multichoice') && (
          <div class="field">
            <label class="field__label" for="options">
              {t('options')}
            </label>
            <p class="field__hint" id="options-hint">
              {t('optionsHint')}
            </p>
            <textarea
              class="field__input"
              id="options"
              name="options"
              rows={5}
              aria-describedby="options-hint"
            >
              {(field.options ?? [])
                .map((o) => [o.value, o.label.fr, o.label.de ?? '', o.label.en ?? ''].join(' | '))
                .join('\n')}
            </textarea>
          </div>
        )}
        {field.type === 'number' && (
          <>
            {numberInput('min', t('min'))}
            {numberInput('max', t('max'))}
          </>
        )}
        {(field.type === 'text' || field.type === 'textarea') && numberInput('maxLength', t('maxLength'))}
        {!props.group && ['text', 'date', 'avs', 'email', 'address', 'uid'].includes(field.type) && (
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
        {field.type === 'computed' && (
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{t('multiply')}</legend>
            <div class="field">
              <label class="field__label" for="multiplyField">
                {t('field')}
              </label>
              <select class="field__input" id="multiplyField" name="multiplyField">
                {allFields(definition)
                  .filter(({ field: f, group }) => !group && f.type === 'number')
                  .map(({ field: f }) => (
                    <option value={f.id} selected={product?.[0]?.var === f.id}>
                      {pick(f.label, props.locale)}
                    </option>
                  ))}
              </select>
            </div>
            <div class="field">
              <label class="field__label" for="multiplyBy">
                {t('by')}
              </label>
              <input
                class="field__input"
                id="multiplyBy"
                name="multiplyBy"
                inputmode="decimal"
                value={product ? String(product[1]) : ''}
              />
            </div>
          </fieldset>
        )}
        {!props.group && (
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
        )}
        <Button>{t('save')}</Button>
      </form>
      {field.type === 'group' && (
        <section aria-labelledby="children">
          <h2 id="children">{t('children')}</h2>
          <ul>
            {(field.fields ?? []).map((child) => (
              <li>
                <a href={`${builderBase}/${form.id}/fields/${child.id}`}>{pick(child.label, props.locale)}</a>{' '}
                ({typeLabel(t, child.type)})
              </li>
            ))}
          </ul>
          <form method="post" action={`${builderBase}/${form.id}/actions`}>
            <CsrfField />
            <input type="hidden" name="action" value="addField" />
            <input type="hidden" name="group" value={field.id} />
            <div class="field">
              <label class="field__label" for="childType">
                {t('fieldType')}
              </label>
              <select class="field__input" id="childType" name="type">
                {fieldTypes
                  .filter((type) => !['group', 'file', 'computed', 'info'].includes(type))
                  .map((type) => (
                    <option value={type}>{typeLabel(t, type)}</option>
                  ))}
              </select>
            </div>
            <Button variant="secondary">{t('addChild')}</Button>
          </form>
        </section>
      )}
    </>
  );
}

export function PreviewPage(props: { locale: Locale; definition: FormDefinition; mobile: boolean }) {
  const t = builderMessages.translator(props.locale);
  return (
    <div class={props.mobile ? 'preview preview--mobile' : 'preview'}>
      <NotificationBanner>{t('previewBanner')}</NotificationBanner>
      <h1>{pick(props.definition.title, props.locale)}</h1>
      {props.definition.steps.map((step) => (
        <section aria-label={pick(step.title, props.locale)}>
          <h2>{pick(step.title, props.locale)}</h2>
          {step.fields.map((field) => (
            <FieldInput
              field={field}
              name={`preview-${field.id}`}
              value={undefined}
              locale={props.locale}
              errors={{}}
              required={Boolean(field.required)}
              visible
            />
          ))}
        </section>
      ))}
    </div>
  );
}
