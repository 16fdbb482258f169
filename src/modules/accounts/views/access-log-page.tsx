import { colon, formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Table } from '../../../platform/views/components/table.tsx';
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
} as const;

export function AccessLogPage(props: {
  locale: Locale;
  accountName: string;
  entries: Entry[];
  mandateOnly: boolean;
}) {
  const t = accountMessages.translator(props.locale);
  const via = { holder: 'viaHolder', member: 'viaMember', mandate: 'viaMandate', staff: 'viaStaff' } as const;
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
          head={[t('accessWhen'), t('accessWho'), t('accessVia'), t('accessWhat')]}
          rows={props.entries.map((e) => [
            formatDateTime(props.locale, e.at),
            e.personName,
            t(via[e.via]),
            `${e.action in actionKeys ? t(actionKeys[e.action as keyof typeof actionKeys]) : e.action}${colon(props.locale)} ${e.subjectLabel}`,
          ])}
        />
      )}
    </>
  );
}
