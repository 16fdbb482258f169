import { formatDate } from '../../../../platform/i18n/format.ts';
import type { Locale } from '../../../../platform/i18n/locales.ts';
import { Button } from '../../../../platform/views/components/button.tsx';
import { ConfirmAction } from '../../../../platform/views/components/confirm-action.tsx';
import { ErrorSummary, type FieldError } from '../../../../platform/views/components/error-summary.tsx';
import { Table } from '../../../../platform/views/components/table.tsx';
import { Tag } from '../../../../platform/views/components/tag.tsx';
import { TextInput } from '../../../../platform/views/components/text-input.tsx';
import type { IssuedDocument } from '../content.ts';
import { issuingMessages } from '../messages.ts';
import { issuedTypeName } from '../render.ts';

const statusKey = { sealing: 'statusSealing', valid: 'statusValid', revoked: 'statusRevoked' } as const;

/** An authority's issuance register: search by serial number, status of each, revoke for its administrators. */
export function RegisterPage(props: {
  locale: Locale;
  authorityName: string;
  base: string;
  serial: string;
  documents: IssuedDocument[];
  mayRevoke: boolean;
}) {
  const t = issuingMessages.translator(props.locale);
  return (
    <>
      <h1>{t('registerTitle')}</h1>
      <p>{t('registerLead', { authority: props.authorityName })}</p>
      <form method="get" action={props.base} class="search-form">
        <TextInput
          name="serial"
          label={t('searchSerial')}
          value={props.serial}
          type="search"
          spellcheck={false}
        />
        <Button variant="secondary">{t('search')}</Button>
      </form>
      {props.documents.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <Table
          caption={t('registerTitle')}
          head={[t('serial'), t('type'), t('recipientAccount'), t('issuedAt'), t('status'), '']}
          rows={props.documents.map((d) => [
            <span class="nowrap">{d.serial}</span>,
            issuedTypeName(props.locale, d.type),
            d.subject.name,
            formatDate(props.locale, d.issuedAt),
            <Tag tone={d.status === 'revoked' ? 'warning' : d.status === 'valid' ? 'success' : 'neutral'}>
              {t(statusKey[d.status])}
            </Tag>,
            props.mayRevoke && d.status !== 'revoked' ? (
              <a href={`${props.base}/${encodeURIComponent(d.serial)}/revoke`}>
                {t('revoke')}
                <span class="visually-hidden"> {d.serial}</span>
              </a>
            ) : (
              ''
            ),
          ])}
        />
      )}
    </>
  );
}

/** Asks before a document is revoked, with the reason its recipient will read (audited). */
export function RevokePage(props: {
  locale: Locale;
  base: string;
  document: IssuedDocument;
  reason: string;
  errors: FieldError[];
}) {
  const t = issuingMessages.translator(props.locale);
  const error = props.errors.find((e) => e.field === 'reason')?.message;
  return (
    <>
      <ErrorSummary errors={props.errors} />
      <ConfirmAction
        title={t('revokeTitle', { serial: props.document.serial })}
        consequences={[t('revokeLead')]}
        action={`${props.base}/${encodeURIComponent(props.document.serial)}/revoke`}
        confirmLabel={t('revoke')}
        cancelHref={props.base}
        cancelLabel={t('cancel')}
      >
        <TextInput
          name="reason"
          label={t('reason')}
          value={props.reason}
          {...(error ? { error } : {})}
          required
        />
      </ConfirmAction>
    </>
  );
}
