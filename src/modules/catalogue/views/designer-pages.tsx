import { assuranceLevels } from '../../../platform/http/assurance-level.ts';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import { type Locale, locales, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import type { Authority } from '../../authorities/index.ts';
import { mandateThemes, themeLabel } from '../../mandates/index.ts';
import { catalogueMessages } from '../messages.ts';
import { localisedFields } from '../service-content.ts';
import type { Service, ServiceEntry } from '../services.ts';
import type { ServiceState } from '../tables.ts';
import { audiences, lifeEvents, topics } from '../taxonomy.ts';
import { DraftJourney, hasDraft, PublishButton } from './draft-journey.tsx';
import { servicePath } from './service-card.tsx';

export const designerBase = '/back-office/catalogue';
type Translate = ReturnType<typeof catalogueMessages.translator>;
type Values = Record<string, string | string[] | undefined>;

const stateKey: Record<ServiceState, Parameters<Translate>[0]> = {
  draft: 'stateDraft',
  published: 'statePublished',
  withdrawn: 'stateWithdrawn',
};

export function StateTag(props: { locale: Locale; service: Service }) {
  const t = catalogueMessages.translator(props.locale);
  const changed =
    props.service.state === 'published' && props.service.latestVersion !== props.service.publishedVersion;
  return (
    <>
      <Tag
        tone={
          props.service.state === 'published'
            ? 'success'
            : props.service.state === 'draft'
              ? 'info'
              : 'neutral'
        }
      >
        {t(stateKey[props.service.state])}
      </Tag>
      {changed && (
        <>
          {' '}
          <Tag tone="warning">{t('unpublishedChanges')}</Tag>
        </>
      )}
    </>
  );
}

export function DesignerListPage(props: {
  locale: Locale;
  services: ServiceEntry[];
  authorityName: (id: string) => string;
}) {
  const t = catalogueMessages.translator(props.locale);
  return (
    <>
      <h1>{t('designTitle')}</h1>
      <p class="lead">{t('designLead')}</p>
      <p class="button-group">
        <a class="button button--primary" href={`${designerBase}/new`}>
          {t('newService')}
        </a>
        <a class="button button--secondary" href={`${designerBase}/synonyms`}>
          {t('synonymsLink')}
        </a>
      </p>
      <Table
        caption={t('designTitle')}
        head={[t('service'), t('authority'), t('state'), t('version')]}
        rows={props.services.map((s) => [
          <a href={`${designerBase}/${s.slug}`}>{pick(s.content.name, props.locale)}</a>,
          props.authorityName(s.authorityId),
          <StateTag locale={props.locale} service={s} />,
          String(s.latestVersion),
        ])}
      />
    </>
  );
}

function Checkboxes(props: {
  name: string;
  legend: string;
  options: [string, string][];
  values: Values;
  error?: string;
}) {
  const chosen = new Set([props.values[props.name] ?? []].flat());
  return (
    <fieldset class="fieldset" id={props.name}>
      <legend class="fieldset__legend">{props.legend}</legend>
      {props.error && <p class="field__error">{props.error}</p>}
      {props.options.map(([value, label]) => (
        <div class="choice">
          <input
            type="checkbox"
            id={`${props.name}-${value}`}
            name={props.name}
            value={value}
            checked={chosen.has(value)}
          />
          <label for={`${props.name}-${value}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The entry's texts, each language side by side, with missing translations flagged. */
function LocalisedFields(props: { locale: Locale; values: Values; errors: FieldError[] }) {
  const t = catalogueMessages.translator(props.locale);
  const languages = new Intl.DisplayNames([props.locale], { type: 'language' });
  const labels = {
    name: 'fieldName',
    summary: 'fieldSummary',
    description: 'fieldDescription',
    requirements: 'fieldRequirements',
    documentsIssued: 'fieldDocumentsIssued',
  } as const;
  return (
    <>
      {localisedFields.map((field) => (
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{t(labels[field])}</legend>
          <div class="translations">
            {locales.map((locale) => {
              const name = `${field}.${locale}`;
              const value = String(props.values[name] ?? '');
              const error = props.errors.find((e) => e.field === name)?.message;
              const missing = !value && Boolean(props.values[`${field}.fr`]);
              const described = [missing && `${name}-missing`, error && `${name}-error`]
                .filter(Boolean)
                .join(' ');
              const attributes = {
                class: 'field__input',
                id: name,
                name,
                lang: locale,
                'aria-describedby': described || undefined,
                'aria-invalid': error ? ('true' as const) : undefined,
              };
              return (
                <div class={error ? 'field field--error' : 'field'}>
                  <label class="field__label" for={name}>
                    {t('languageColumn', { language: languages.of(locale) ?? locale })}
                  </label>
                  {missing && (
                    <p id={`${name}-missing`}>
                      <Tag tone="warning">{t('missingTranslation')}</Tag>
                    </p>
                  )}
                  {error && (
                    <p class="field__error" id={`${name}-error`}>
                      {error}
                    </p>
                  )}
                  {field === 'name' ? (
                    <input type="text" value={value} {...attributes} />
                  ) : (
                    <textarea rows={field === 'summary' ? 2 : 5} {...attributes}>
                      {value}
                    </textarea>
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </>
  );
}

export function ServiceEditorPage(props: {
  locale: Locale;
  title: string;
  action: string;
  values: Values;
  errors: FieldError[];
  /** Only when creating: the authorities the designer may create services for. */
  authorities?: Authority[];
  service?: Service;
  history?: { version: number; savedBy: string; savedAt: Date }[];
  notice?: string;
  /** The published forms the service may run. */
  forms?: { id: string; name: string }[];
}) {
  const t = catalogueMessages.translator(props.locale);
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const text = (name: string) => String(props.values[name] ?? '');
  const level = { low: 'levelLow', substantial: 'levelSubstantial', high: 'levelHigh' } as const;
  const audience = {
    person: 'audiencePerson',
    organisation: 'audienceOrganisation',
    representative: 'audienceRepresentative',
  } as const;
  const service = props.service;
  return (
    <>
      <h1>{props.title}</h1>
      {props.notice && <NotificationBanner kind="success">{props.notice}</NotificationBanner>}
      <ErrorSummary errors={props.errors} />
      {service && (
        <div class="designer-status">
          <p>
            <StateTag locale={props.locale} service={service} /> {t('version')} {service.latestVersion}
          </p>
          <DraftJourney locale={props.locale} service={service} />
          <div class="button-group">
            <a class="button button--secondary" href={`${designerBase}/${service.slug}/preview`}>
              {t('previewLatest', { version: service.latestVersion })}
            </a>
            {hasDraft(service) && (
              <PublishButton locale={props.locale} service={service} version={service.latestVersion} />
            )}
            {service.state === 'published' && (
              <form method="post" action={`${designerBase}/${service.slug}/withdraw`} class="inline-form">
                <CsrfField />
                <Button variant="secondary">{t('withdraw')}</Button>
              </form>
            )}
            {service.state === 'published' && (
              <a href={servicePath(service.slug)}>{servicePath(service.slug)}</a>
            )}
          </div>
        </div>
      )}
      <form method="post" action={props.action} novalidate>
        <CsrfField />
        {props.authorities && (
          <>
            <div class={error('authority') ? 'field field--error' : 'field'}>
              <label class="field__label" for="authority">
                {t('authority')}
              </label>
              {error('authority') && <p class="field__error">{error('authority')}</p>}
              <select class="field__input" id="authority" name="authority">
                {props.authorities.map((a) => (
                  <option value={a.slug} selected={text('authority') === a.slug}>
                    {pick(a.names, props.locale, a.languages)}
                  </option>
                ))}
              </select>
            </div>
            <TextInput
              name="slug"
              label={t('slug')}
              hint={t('slugHint')}
              value={text('slug')}
              error={error('slug')}
            />
          </>
        )}
        <LocalisedFields locale={props.locale} values={props.values} errors={props.errors} />
        <Checkboxes
          name="audiences"
          legend={t('audiencesField')}
          options={audiences.map((a) => [a, t(audience[a])])}
          values={props.values}
          error={error('audiences')}
        />
        <TextInput
          name="fee"
          label={t('feeField')}
          hint={t('feeHint')}
          value={text('fee')}
          error={error('fee')}
          inputmode="decimal"
        />
        <TextInput
          name="processingDays"
          label={t('processingDaysField')}
          hint={t('processingDaysHint')}
          value={text('processingDays')}
          error={error('processingDays')}
          inputmode="numeric"
        />
        <fieldset class="fieldset" id="level">
          <legend class="fieldset__legend">{t('levelField')}</legend>
          {error('level') && <p class="field__error">{error('level')}</p>}
          {assuranceLevels.map((l) => (
            <div class="choice">
              <input type="radio" id={`level-${l}`} name="level" value={l} checked={text('level') === l} />
              <label for={`level-${l}`}>{t(level[l])}</label>
            </div>
          ))}
        </fieldset>
        <div class="choice">
          <input type="checkbox" id="online" name="online" value="yes" checked={text('online') === 'yes'} />
          <label for="online">{t('onlineField')}</label>
        </div>
        <div class={error('theme') ? 'field field--error' : 'field'}>
          <label class="field__label" for="theme">
            {t('themeField')}
          </label>
          {error('theme') && <p class="field__error">{error('theme')}</p>}
          <select class="field__input" id="theme" name="theme">
            <option value="">{t('themeNone')}</option>
            {mandateThemes.map((theme) => (
              <option value={theme} selected={text('theme') === theme}>
                {themeLabel(theme, props.locale)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="formId">
            {t('formField')}
          </label>
          <select class="field__input" id="formId" name="formId">
            <option value="">{t('formNone')}</option>
            {(props.forms ?? []).map((form) => (
              <option value={form.id} selected={text('formId') === form.id}>
                {form.name}
              </option>
            ))}
          </select>
        </div>
        <TextInput
          name="startPath"
          label={t('startPathField')}
          hint={t('startPathHint')}
          value={text('startPath')}
          error={error('startPath')}
        />
        <Checkboxes
          name="topics"
          legend={t('topicsField')}
          options={Object.entries(topics).map(([key, label]) => [key, pick(label, props.locale)])}
          values={props.values}
          error={error('topics')}
        />
        <Checkboxes
          name="lifeEvents"
          legend={t('lifeEventsField')}
          options={Object.entries(lifeEvents).map(([key, label]) => [key, pick(label, props.locale)])}
          values={props.values}
        />
        <Button>{service ? t('save') : t('create')}</Button>
      </form>
      {props.history && (
        <Table
          caption={t('history')}
          head={[t('version'), t('savedBy'), t('savedAt')]}
          rows={props.history.map((h) => [
            String(h.version),
            h.savedBy,
            formatDateTime(props.locale, h.savedAt),
          ])}
        />
      )}
    </>
  );
}

export function SynonymsPage(props: {
  locale: Locale;
  groups: { id: string; terms: string[] }[];
  value: string;
  errors: FieldError[];
}) {
  const t = catalogueMessages.translator(props.locale);
  return (
    <>
      <h1>{t('synonymsTitle')}</h1>
      <p class="lead">{t('synonymsLead')}</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`${designerBase}/synonyms`}>
        <CsrfField />
        <TextInput
          name="terms"
          label={t('synonymsField')}
          hint={t('synonymsHint')}
          value={props.value}
          error={props.errors[0]?.message}
        />
        <Button>{t('addSynonyms')}</Button>
      </form>
      {props.groups.length === 0 ? (
        <p>{t('noSynonyms')}</p>
      ) : (
        <Table
          caption={t('synonymsTitle')}
          head={[t('terms'), t('actions')]}
          rows={props.groups.map((g) => [
            g.terms.join(', '),
            <form method="post" action={`${designerBase}/synonyms/${g.id}/delete`} class="inline-form">
              <CsrfField />
              <button type="submit" class="button button--secondary">
                {t('deleteSynonyms')}
                <span class="visually-hidden"> {g.terms.join(', ')}</span>
              </button>
            </form>,
          ])}
        />
      )}
    </>
  );
}
