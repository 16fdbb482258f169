import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { Button } from '../../../platform/views/components/button.tsx';
import { CsrfField } from '../../../platform/views/components/csrf-field.tsx';
import { describedBy, FieldFrame } from '../../../platform/views/components/field-frame.tsx';
import { KeptWhole } from '../../../platform/views/components/kept-whole.tsx';
import { SummaryList } from '../../../platform/views/components/summary-list.tsx';
import { Table } from '../../../platform/views/components/table.tsx';
import { Tag } from '../../../platform/views/components/tag.tsx';
import { supportMessages } from '../messages.ts';
import type { TicketState } from '../tables.ts';
import type { Reply, Ticket } from '../tickets.ts';

const stateKey = {
  new: 'stateNew',
  open: 'stateOpen',
  waitingRequester: 'stateWaitingRequester',
  closed: 'stateClosed',
} as const satisfies Record<TicketState, string>;

export function TicketList(props: {
  locale: Locale;
  caption: string;
  tickets: Ticket[];
  href: (ticket: Ticket) => string;
  staff: boolean;
}) {
  const t = supportMessages.translator(props.locale);
  if (props.tickets.length === 0) return <p>{t('noTickets')}</p>;
  return (
    <Table
      caption={props.caption}
      head={[t('subject'), t('state'), ...(props.staff ? [t('requester'), t('assignee')] : []), t('updated')]}
      rows={props.tickets.map((ticket) => [
        <>
          <a href={props.href(ticket)}>{ticket.subject}</a> ({ticket.reference})
        </>,
        <Tag tone={ticket.state === 'closed' ? 'neutral' : 'info'}>{t(stateKey[ticket.state])}</Tag>,
        ...(props.staff ? [ticket.requester_name, ticket.assignee_name ?? t('nobody')] : []),
        formatDateTime(props.locale, ticket.updated_at),
      ])}
    />
  );
}

/** What the desk may do on the ticket page: its context, assignment, handing over, state. */
export interface DeskTools {
  handlerName: string;
  serviceName: string | null;
  authorities: { id: string; name: string }[];
  /** The authority owning the ticket's service: proposed first when handing over. */
  owner: string | null;
  base: string;
}

function Conversation(props: { locale: Locale; replies: Reply[]; staff: boolean }) {
  const t = supportMessages.translator(props.locale);
  const who = (reply: Reply) => {
    if (reply.side === 'note') return `${t('sideNote')} — ${reply.author_name}`;
    if (reply.side === 'requester') return props.staff ? reply.author_name : t('you');
    return props.staff ? reply.author_name : `${reply.author_name} (${t('sideSupport')})`;
  };
  return (
    <ol class="messages">
      {props.replies.map((reply) => (
        <li class="message">
          <p class="message__meta">
            <strong>{who(reply)}</strong> — {formatDateTime(props.locale, reply.created_at)}
          </p>
          {reply.body.split('\n').map((line) => (
            <p>{line}</p>
          ))}
        </li>
      ))}
    </ol>
  );
}

function Textarea(props: { id: string; label: string; required?: boolean }) {
  return (
    <FieldFrame id={props.id} label={props.label}>
      <textarea
        class="field__input"
        id={props.id}
        name={props.id}
        rows={5}
        maxlength={5000}
        required={props.required}
        aria-describedby={describedBy(props.id, {})}
      />
    </FieldFrame>
  );
}

export function TicketPage(props: { locale: Locale; ticket: Ticket; replies: Reply[]; desk?: DeskTools }) {
  const t = supportMessages.translator(props.locale);
  const { ticket, desk } = props;
  return (
    <>
      <h1>
        <KeptWhole text={(reference) => t('ticketTitle', { reference })} value={ticket.reference} />
      </h1>
      <SummaryList
        rows={[
          [t('subject'), ticket.subject],
          [t('state'), t(stateKey[ticket.state])],
          ...(desk
            ? ([
                [t('kind'), t(ticket.kind === 'feedback' ? 'kindFeedback' : 'kindQuestion')],
                [
                  t('requester'),
                  `${ticket.requester_name}${ticket.requester_email ? ` <${ticket.requester_email}>` : ''}`,
                ],
                [t('handledBy'), desk.handlerName],
                [t('assignee'), ticket.assignee_name ?? t('nobody')],
                [t('service'), desk.serviceName ?? t('portal')],
                [t('request'), ticket.request_reference ?? '—'],
                [t('page'), ticket.page ?? '—'],
                [t('browser'), ticket.browser ?? '—'],
              ] as [string, string][])
            : []),
        ]}
      />
      <Conversation locale={props.locale} replies={props.replies} staff={desk !== undefined} />
      <form method="post" action={desk ? `${desk.base}/reply` : undefined}>
        <CsrfField />
        <Textarea id="body" label={t('replyLabel')} required />
        <Button>{t('reply')}</Button>
      </form>
      {desk && (
        <>
          <form method="post" action={`${desk.base}/note`}>
            <CsrfField />
            <Textarea id="note" label={t('noteLabel')} required />
            <Button variant="secondary">{t('addNote')}</Button>
          </form>
          <form method="post" action={`${desk.base}/assign`}>
            <CsrfField />
            <Button variant="secondary">{t('assignToMe')}</Button>
          </form>
          <form method="post" action={`${desk.base}/hand-over`}>
            <CsrfField />
            <FieldFrame id="authority" label={t('handOverTo')}>
              <select class="field__input" id="authority" name="authority">
                {[...desk.authorities]
                  .sort((a, b) => Number(b.id === desk.owner) - Number(a.id === desk.owner))
                  .map((a) => (
                    <option value={a.id}>{a.name}</option>
                  ))}
              </select>
            </FieldFrame>
            <Textarea id="handover-note" label={t('handOverNote')} />
            <Button variant="secondary">{t('handOver')}</Button>
          </form>
          <form method="post" action={`${desk.base}/state`}>
            <CsrfField />
            {ticket.state === 'closed' ? (
              <Button variant="secondary" name="state" value="open">
                {t('reopen')}
              </Button>
            ) : (
              <Button variant="secondary" name="state" value="closed">
                {t('close')}
              </Button>
            )}
          </form>
        </>
      )}
    </>
  );
}
