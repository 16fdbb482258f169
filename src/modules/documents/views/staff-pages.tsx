import type { Child } from 'hono/jsx';
import { formatDate, formatDateTime, formatShortDate } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { mandateThemes, themeLabel } from '../../mandates/index.ts';
import { documentCategories } from '../categories.ts';
import type { listPublishedBy } from '../documents.ts';
import { documentMessages } from '../messages.ts';
import { DocumentFileField } from './file-field.tsx';

type Values = Record<string, string>;

function Select(props: {
  name: string;
  label: string;
  options: [string, string][];
  value: string;
  error?: string;
}) {
  return (
    <FieldFrame id={props.name} label={props.label} error={props.error}>
      <select
        class="field__input"
        id={props.name}
        name={props.name}
        aria-describedby={describedBy(props.name, props)}
      >
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function PublishPage(props: {
  locale: Locale;
  action: string;
  values: Values;
  errors: FieldError[];
  idempotencyKey: string;
}) {
  const t = documentMessages.translator(props.locale);
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  const by = props.values.recipientBy || 'avs';
  return (
    <>
      <h1>{t('publishTitle')}</h1>
      <p class="lead">{t('publishLead')}</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={props.action} enctype="multipart/form-data" novalidate>
        <CsrfField />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <fieldset class="fieldset" id="recipientBy">
          <legend class="fieldset__legend">{t('recipientBy')}</legend>
          {(['avs', 'uid', 'name'] as const).map((kind) => (
            <div class="choice">
              <input
                type="radio"
                id={`recipientBy-${kind}`}
                name="recipientBy"
                value={kind}
                checked={by === kind}
              />
              <label for={`recipientBy-${kind}`}>
                {t(kind === 'avs' ? 'byAvs' : kind === 'uid' ? 'byUid' : 'byName')}
              </label>
            </div>
          ))}
        </fieldset>
        <TextInput
          name="avs"
          label={t('avs')}
          value={props.values.avs}
          error={error('avs')}
          inputmode="numeric"
        />
        <TextInput name="uid" label={t('uid')} value={props.values.uid} error={error('uid')} />
        <TextInput
          name="givenNames"
          label={t('givenNames')}
          value={props.values.givenNames}
          error={error('givenNames')}
        />
        <TextInput name="familyName" label={t('familyName')} value={props.values.familyName} />
        <TextInput
          name="dateOfBirth"
          label={t('dateOfBirth')}
          hint={t('dateOfBirthHint')}
          value={props.values.dateOfBirth}
        />
        <TextInput
          name="title"
          label={t('documentTitle')}
          value={props.values.title}
          error={error('title')}
        />
        <Select
          name="category"
          label={t('category')}
          options={Object.entries(documentCategories).map(([key, c]) => [key, pick(c.label, props.locale)])}
          value={props.values.category ?? ''}
          error={error('category')}
        />
        <Select
          name="theme"
          label={t('theme')}
          options={[
            ['', t('themeNone')],
            ...mandateThemes.map((th): [string, string] => [th, themeLabel(th, props.locale)]),
          ]}
          value={props.values.theme ?? ''}
        />
        <div class="field">
          <label class="field__label" for="message">
            {t('message')}
          </label>
          <p class="field__hint" id="message-hint">
            {t('messageHint')}
          </p>
          <textarea
            class="field__input"
            id="message"
            name="message"
            rows={3}
            maxlength={1000}
            aria-describedby="message-hint"
          >
            {props.values.message ?? ''}
          </textarea>
        </div>
        <DocumentFileField id="file" name="file" label={t('file')} error={error('file')} />
        <Button>{t('publish')}</Button>
      </form>
    </>
  );
}

export function PublishedPage(props: {
  locale: Locale;
  authorityName: string;
  base: string;
  notice?: string;
  documents: Awaited<ReturnType<typeof listPublishedBy>>;
  postal: { id: string; title: string; createdAt: Date }[];
}) {
  const t = documentMessages.translator(props.locale);
  return (
    <>
      {props.notice && <NotificationBanner kind="success">{props.notice}</NotificationBanner>}
      <h1>{t('publishedList', { authority: props.authorityName })}</h1>
      <p class="button-group">
        <a class="button button--primary" href={`${props.base}/new`}>
          {t('publishTitle')}
        </a>
        <a class="button button--secondary" href={`${props.base}/bulk`}>
          {t('bulkLink')}
        </a>
      </p>
      <h2>{t('postalTitle')}</h2>
      {props.postal.length === 0 ? (
        <p>{t('postalNone')}</p>
      ) : (
        <>
          <p>{t('postalLead')}</p>
          <Table
            caption={t('postalTitle')}
            head={[t('title'), t('issuedOn'), t('bulkOutcome')]}
            rows={props.postal.map((p) => [
              p.title,
              formatShortDate(props.locale, p.createdAt),
              <form method="post" action={`${props.base}/postal/${p.id}`} class="inline-form">
                <CsrfField />
                <button type="submit" class="button button--secondary">
                  {t('postalDone')}
                  <span class="visually-hidden"> {p.title}</span>
                </button>
              </form>,
            ])}
          />
        </>
      )}
      <Table
        caption={t('publishedList', { authority: props.authorityName })}
        head={[t('title'), t('issuedOn'), t('bulkOutcome')]}
        rows={props.documents.map((d) => [
          d.title,
          formatDateTime(props.locale, d.created_at),
          d.recipient_read_at ? (
            <Tag tone="success">{t('readOn', { date: formatDate(props.locale, d.recipient_read_at) })}</Tag>
          ) : (
            <Tag>{t('notRead')}</Tag>
          ),
        ])}
      />
    </>
  );
}

export function BulkPage(props: {
  locale: Locale;
  action: string;
  idempotencyKey: string;
  errors: FieldError[];
  results?: { row: number; label: string; outcome: Child }[];
}) {
  const t = documentMessages.translator(props.locale);
  return (
    <>
      <h1>{t('bulkTitle')}</h1>
      <p class="lead">{t('bulkLead')}</p>
      <ErrorSummary errors={props.errors} />
      {props.results && (
        <Table
          caption={t('bulkResult')}
          head={[t('bulkRow'), t('title'), t('bulkOutcome')]}
          rows={props.results.map((r) => [String(r.row), r.label, r.outcome])}
        />
      )}
      <form method="post" action={props.action} enctype="multipart/form-data">
        <CsrfField />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <div class="field">
          <label class="field__label" for="csv">
            {t('bulkCsv')}
          </label>
          <input class="field__input" type="file" id="csv" name="csv" accept="text/csv,.csv" />
        </div>
        <DocumentFileField id="files" name="files" label={t('bulkFiles')} multiple />
        <Button>{t('bulkPublish')}</Button>
      </form>
    </>
  );
}
