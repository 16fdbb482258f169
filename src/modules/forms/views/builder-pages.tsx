import type { Child } from 'hono/jsx';
import { colon, formatDateTime } from '../../../platform/i18n/format.ts';
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
import type { Field, FormDefinition } from '../definition.ts';
import { describeCondition } from '../describe-condition.ts';
import { fieldKinds } from '../fields/registry.ts';
import type { Form } from '../forms.ts';
import { formMessages } from '../messages.ts';
import { builderBase, typeName } from './field-editor-page.tsx';
import { FieldInput } from './fields.tsx';

export { builderBase, FieldEditorPage } from './field-editor-page.tsx';

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

/** Under which answers a field is shown and required, in words: what the table of a step lists. */
function conditionSummary(field: Field, definition: FormDefinition, locale: Locale): string {
  if (field.showIf === undefined) return '—';
  const t = builderMessages.translator(locale);
  return t('shownWhen', { condition: describeCondition(field.showIf, definition, locale) });
}

function requiredSummary(field: Field, definition: FormDefinition, locale: Locale): string {
  if (field.required) return '✓';
  if (field.requiredIf === undefined) return '';
  return formMessages.translator(locale)('requiredWhen', {
    condition: describeCondition(field.requiredIf, definition, locale),
  });
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
            {t('step')} {s + 1}
            {colon(props.locale)} {pick(step.title, props.locale)}
          </h2>
          {step.showIf !== undefined && (
            <p>
              {t('stepShownWhen', { condition: describeCondition(step.showIf, definition, props.locale) })}
            </p>
          )}
          {step.exitIf !== undefined && (
            <p>
              {t('stepExitWhen', { condition: describeCondition(step.exitIf, definition, props.locale) })}
            </p>
          )}
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
                  typeName(props.locale, field.type),
                  requiredSummary(field, definition, props.locale),
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
                {fieldKinds.map((kind) => (
                  <option value={kind.type}>{kind.name[props.locale]}</option>
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
