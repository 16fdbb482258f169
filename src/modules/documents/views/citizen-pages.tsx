import { formatDate, formatNumber } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { NotificationBanner } from '../../../platform/views/components/notification-banner.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { documentCategories } from '../categories.ts';
import type { DocumentRow, ListedDocument } from '../documents.ts';
import { documentMessages } from '../messages.ts';
import { originText, type Viewer } from './origin.ts';

export const documentPath = (id: string) => `/documents/${id}`;

const date = (locale: Locale, value: string | Date) =>
  formatDate(locale, typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value);

export function DocumentsPage(props: {
  locale: Locale;
  accountName: string;
  underMandate: boolean;
  documents: ListedDocument[];
  authorityName: (id: string) => string;
  showAccessLog: boolean;
  viewer: Viewer;
}) {
  const t = documentMessages.translator(props.locale);
  return (
    <>
      <h1>{t('documentsTitle')}</h1>
      <p class="lead">
        {t(props.underMandate ? 'documentsLeadMandate' : 'documentsLead', { account: props.accountName })}
      </p>
      {!props.underMandate && (
        <p>
          <a href="/wallet">{t('walletLink')}</a>
        </p>
      )}
      {props.documents.length === 0 ? (
        <p>{t('documentsEmpty')}</p>
      ) : (
        <Table
          caption={t('documentsTitle')}
          // Two columns, the category and date under the title: on a phone the whole row stays in view
          // (four columns had the origin and the date scrolled out of a 360 px screen).
          head={[t('title'), t('origin')]}
          rows={props.documents.map((d) => [
            <>
              <a href={documentPath(d.id)}>{d.title}</a>
              {!d.read_at && (
                <>
                  {' '}
                  <Tag tone="info">{t('unread')}</Tag>
                </>
              )}
              {d.revoked_at && (
                <>
                  {' '}
                  <Tag tone="warning">{t('revoked')}</Tag>
                </>
              )}
              <div>
                {pick(documentCategories[d.category].label, props.locale)}, {date(props.locale, d.issued_on)}
              </div>
            </>,
            originText(t, d, props.viewer, props.authorityName(d.authority_id)),
          ])}
        />
      )}
      {props.showAccessLog && (
        <p>
          <a href="/accounts/access-log">{t('accessLog')}</a>
        </p>
      )}
    </>
  );
}

export function DocumentPage(props: {
  locale: Locale;
  document: DocumentRow;
  authorityName: string;
  mayDelete: boolean;
  viewer: Viewer;
}) {
  const t = documentMessages.translator(props.locale);
  const { document } = props;
  const category = documentCategories[document.category];
  const inline = document.content_type === 'application/pdf' || document.content_type.startsWith('image/');
  const issued = !document.sent_by_person_id;
  const rows: [string, string][] = [
    issued
      ? [t('issuedBy'), props.authorityName]
      : [t('origin'), originText(t, document, props.viewer, props.authorityName)],
    [t(issued ? 'issuedOn' : 'sentOn'), date(props.locale, document.issued_on)],
    [t('category'), pick(category.label, props.locale)],
    [t('size'), t('kilobytes', { n: formatNumber(props.locale, Math.ceil(document.size / 1024)) })],
    [t('keptUntil'), date(props.locale, document.retain_until)],
  ];
  return (
    <>
      <h1>{document.title}</h1>
      {document.revoked_at && (
        <NotificationBanner>
          <p>
            {t('revokedNotice', {
              date: date(props.locale, document.revoked_at),
              reason: document.revocation_reason ?? '',
            })}
          </p>
        </NotificationBanner>
      )}
      {document.awaiting_seal && (
        <NotificationBanner>
          <p>{t('beingSealed')}</p>
        </NotificationBanner>
      )}
      <dl class="summary-list">
        {rows.map(([term, value]) => (
          <div class="summary-list__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {document.message && (
        <>
          <h2>{t('messageFromAuthority')}</h2>
          <p>{document.message}</p>
        </>
      )}
      {!document.awaiting_seal && (
        <p class="button-group">
          {inline && (
            <a class="button button--primary" href={`${documentPath(document.id)}/file?inline=1`}>
              {t('open')}
            </a>
          )}
          <a
            class={`button button--${inline ? 'secondary' : 'primary'}`}
            href={`${documentPath(document.id)}/file`}
          >
            {t('download')} <span class="visually-hidden">{document.filename}</span>
          </a>
        </p>
      )}
      {props.mayDelete &&
        (category.ownerMayDelete ? (
          <form method="post" action={`${documentPath(document.id)}/delete`}>
            <CsrfField />
            <p class="field__hint">{t('deleteHint')}</p>
            <Button variant="secondary">{t('deleteDocument')}</Button>
          </form>
        ) : (
          <p>{t('notDeletable', { date: date(props.locale, document.retain_until) })}</p>
        ))}
    </>
  );
}
