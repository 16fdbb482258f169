import { formatChf, formatDateTime } from '../../../platform/i18n/format.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import type { CaseEvent } from '../cases.ts';
import { caseMessages } from '../messages.ts';
import type { Workflow } from '../workflow.ts';

type T = ReturnType<typeof caseMessages.translator>;

/** The status a citizen reads: the current one if visible, else the last visible one before it. */
export function citizenStatus(
  workflow: Workflow,
  events: CaseEvent[],
  current: string,
  locale: Locale,
): string {
  const visible = [
    current,
    ...events
      .map((e) => e.to_status)
      .filter((s): s is string => Boolean(s))
      .reverse(),
  ].find((s) => workflow.statuses[s]?.citizenLabel);
  const label = visible ? workflow.statuses[visible]?.citizenLabel : undefined;
  return label ? pick(label, locale) : '';
}

function eventText(
  t: T,
  workflow: Workflow,
  event: CaseEvent,
  locale: Locale,
  audience: 'citizen' | 'staff',
): string {
  switch (event.kind) {
    case 'status': {
      const status = event.to_status ? workflow.statuses[event.to_status] : undefined;
      const label = audience === 'citizen' ? status?.citizenLabel : status?.staffLabel;
      return event.from_status === null
        ? t('eventSubmitted')
        : t('eventStatus', { status: label ? pick(label, locale) : '' });
    }
    case 'complement':
      return t('eventComplement', { text: event.text ?? '' });
    case 'answer':
      return t('eventAnswer', { text: event.text ?? '' });
    case 'decision':
      return t('eventDecision');
    case 'message':
      return t('eventMessage', { name: event.actor_name, text: event.text ?? '' });
    case 'note':
      return t('eventNote', { name: event.actor_name, text: event.text ?? '' });
    case 'assign':
      return t('eventAssign', { name: event.text ?? '' });
    case 'payment':
      return t('eventPayment', { amount: formatChf(locale, Number(event.text)) });
    case 'paid':
      return t('eventPaid');
    case 'feeUnknown':
      return t('eventFeeUnknown');
  }
}

/** A request's history: what the citizen may read of it, or everything for staff. */
export function Timeline(props: {
  locale: Locale;
  workflow: Workflow;
  events: CaseEvent[];
  audience: 'citizen' | 'staff';
  /** Where a document of the timeline opens: the requester's space, or the request in the back office. */
  documentHref: (documentId: string) => string;
}) {
  const t = caseMessages.translator(props.locale);
  return (
    <ol class="timeline">
      {props.events
        .filter(
          (e) =>
            props.audience === 'staff' ||
            e.kind !== 'status' ||
            e.from_status === null ||
            props.workflow.statuses[e.to_status ?? '']?.citizenLabel,
        )
        .map((event) => (
          <li class={event.internal ? 'timeline__item timeline__item--internal' : 'timeline__item'}>
            <span class="timeline__when">{formatDateTime(props.locale, event.at)}</span>{' '}
            <span class="pre-line">{eventText(t, props.workflow, event, props.locale, props.audience)}</span>
            {event.document_id && (
              <>
                {' '}
                <a href={props.documentHref(event.document_id)}>
                  {/* Staff open it from the request, not from "my documents". */}
                  {t(
                    event.kind !== 'decision'
                      ? 'openDocument'
                      : props.audience === 'staff'
                        ? 'openDecisionStaff'
                        : 'openDecision',
                  )}
                </a>
              </>
            )}
          </li>
        ))}
    </ol>
  );
}
