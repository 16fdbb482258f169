import { colon, formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/views/components/error-summary.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../platform/views/components/text-input.tsx';
import { DocumentFileField } from '../../documents/index.ts';
import { messagingMessages } from '../messages.ts';
import type { Message, Thread } from '../threads.ts';

type Row = Thread & { unread: boolean };

function BodyField(props: { label: string; error?: string; value?: string }) {
  return (
    <FieldFrame id="body" label={props.label} error={props.error}>
      <textarea
        class="field__input"
        id="body"
        name="body"
        rows={5}
        maxlength={5000}
        aria-describedby={describedBy('body', props)}
      >
        {props.value}
      </textarea>
    </FieldFrame>
  );
}

export function ThreadList(props: {
  locale: Locale;
  rows: Row[];
  href: (t: Thread) => string;
  caption: string;
  who: (t: Thread) => string;
  whoLabel: string;
}) {
  const t = messagingMessages.translator(props.locale);
  if (props.rows.length === 0) return <p>{t('none')}</p>;
  return (
    <Table
      caption={props.caption}
      head={[t('subject'), props.whoLabel, t('updated')]}
      rows={props.rows.map((row) => [
        <>
          <a href={props.href(row)}>{row.subject}</a>
          {row.unread && (
            <>
              {' '}
              <Tag tone="info">{t('unread')}</Tag>
            </>
          )}
        </>,
        props.who(row),
        formatDateTime(props.locale, row.updated_at),
      ])}
    />
  );
}

export function NewThreadPage(props: {
  locale: Locale;
  authorities: { id: string; name: string }[];
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const t = messagingMessages.translator(props.locale);
  const error = (field: string) => props.errors.find((e) => e.field === field)?.message;
  return (
    <>
      <h1>{t('newThread')}</h1>
      <ErrorSummary errors={props.errors} />
      <form method="post" action="/messages">
        <CsrfField />
        <div class="field">
          <label class="field__label" for="authority">
            {t('authority')}
          </label>
          <select class="field__input" id="authority" name="authority">
            {props.authorities.map((a) => (
              <option value={a.id} selected={props.values.authority === a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <TextInput
          name="subject"
          label={t('subject')}
          value={props.values.subject}
          error={error('subject')}
        />
        <BodyField label={t('body')} error={error('body')} />
        <Button>{t('send')}</Button>
      </form>
    </>
  );
}

export function ThreadPage(props: {
  locale: Locale;
  thread: Thread;
  messages: Message[];
  viewerSide: 'citizen' | 'authority';
  action: string;
  errors: FieldError[];
  /** What the person wrote, shown again when their file was refused. */
  body?: string;
  assign?: { action: string; assignee: string };
  attachmentHref: (documentId: string) => string;
}) {
  const t = messagingMessages.translator(props.locale);
  return (
    <>
      <h1>{props.thread.subject}</h1>
      {props.assign && (
        <div class="button-group">
          <p>
            {t('assignee')}
            {colon(props.locale)} {props.assign.assignee}
          </p>
          <form method="post" action={props.assign.action} class="inline-form">
            <CsrfField />
            <Button variant="secondary">{t('assignToMe')}</Button>
          </form>
        </div>
      )}
      <ol class="timeline">
        {props.messages.map((m) => (
          <li class="timeline__item">
            <span class="timeline__when">
              {formatDateTime(props.locale, m.created_at)} ·{' '}
              {m.side === props.viewerSide && props.viewerSide === 'citizen' ? t('you') : m.author_name}
            </span>
            <p class="pre-line">{m.body}</p>
            {m.document_id && (
              <p>
                <a href={props.attachmentHref(m.document_id)}>{t('attachment')}</a>
              </p>
            )}
          </li>
        ))}
      </ol>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={props.action} enctype="multipart/form-data">
        <CsrfField />
        <BodyField
          label={t('reply')}
          error={props.errors.find((e) => e.field === 'body')?.message}
          value={props.body}
        />
        <DocumentFileField
          id="file"
          name="file"
          label={t('attachmentField')}
          error={props.errors.find((e) => e.field === 'file')?.message}
        />
        <Button>{t('send')}</Button>
      </form>
    </>
  );
}
