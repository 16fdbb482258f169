import { colon, formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Table } from '../../../platform/views/components/table.tsx';
import { basisOf, viaKeys } from '../access-basis.ts';
import type { listAccess } from '../access-log.ts';
import { accountMessages } from '../messages.ts';

type Entry = Awaited<ReturnType<typeof listAccess>>[number];

const actionKeys = {
  'document.view': 'actionDocumentView',
  'document.download': 'actionDocumentDownload',
  'document.delete': 'actionDocumentDelete',
  'document.send': 'actionDocumentSend',
  'request.view': 'actionRequestView',
  'request.readThroughApi': 'actionRequestApi',
  'request.messagesThroughApi': 'actionRequestMessagesApi',
  'person.lookUpThroughApi': 'actionPersonApi',
  'thread.readThroughApi': 'actionThreadApi',
  'payments.readThroughApi': 'actionPaymentsApi',
  'request.export': 'actionRequestExport',
  'message.view': 'actionMessageView',
  'file.download': 'actionFileDownload',
  'taxFile.view': 'actionTaxFileView',
  'taxFile.download': 'actionTaxFileDownload',
  'taxAccount.view': 'actionTaxAccountView',
  'taxAccount.qrBill': 'actionTaxAccountQrBill',
  'ticket.view': 'actionTicketView',
} as const;

/** What the log says of an action, in the reader's language. */
export function actionLabel(locale: Locale, action: string): string {
  const t = accountMessages.translator(locale);
  return action in actionKeys ? t(actionKeys[action as keyof typeof actionKeys]) : action;
}

export function AccessLogPage(props: {
  locale: Locale;
  accountName: string;
  entries: Entry[];
  mandateOnly: boolean;
  authorityName: (id: string) => string;
  csvHref: string;
}) {
  const t = accountMessages.translator(props.locale);
  return (
    <>
      <h1>{t('accessLogTitle')}</h1>
      <p class="lead">
        {t(props.mandateOnly ? 'accessLogMandateLead' : 'accessLogLead', { account: props.accountName })}
      </p>
      {props.entries.length === 0 ? (
        <p>{t('accessLogEmpty')}</p>
      ) : (
        <Table
          caption={t('accessLogTitle')}
          head={[t('accessWhen'), t('accessWho'), t('accessVia'), t('accessBasis'), t('accessWhat')]}
          rows={props.entries.map((e) => [
            formatDateTime(props.locale, e.at),
            e.personName,
            t(viaKeys[e.via]),
            basisOf(t, e, props.authorityName),
            `${actionLabel(props.locale, e.action)}${colon(props.locale)} ${e.subjectLabel}`,
          ])}
        />
      )}
      <p>
        <a href={props.csvHref} download>
          {t('accessDownload')}
        </a>
      </p>
      <p>{t('accessRetention')}</p>
    </>
  );
}
