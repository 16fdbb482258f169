import type { LocalisedText } from '../../platform/i18n/locales.ts';
import { localisedFrom } from '../../platform/views/components/translations.tsx';
import { requiredStatuses, type Workflow } from './workflow.ts';

/** The workflow page's fields as posted (`parseBody({ all: true })`). */
export type PostedWorkflow = Record<string, unknown>;

/** A status the designer is adding: kept in its own fields until the whole workflow holds together. */
export interface NewStatus {
  id: string;
  staffLabel: LocalisedText | undefined;
  citizenLabel: LocalisedText | undefined;
}

/** A letter needs both its title and its text (in French at least); rewording keeps what it is issued as. */
const letterOf = (
  title: LocalisedText | undefined,
  text: LocalisedText | undefined,
  issuedAs: 'authorisation' | undefined,
) => (title && text ? { title, text, ...(issuedAs ? { issuedAs } : {}) } : undefined);

/**
 * The fee a designer set on a status: the amount a field of the form holds, or francs as typed ("50",
 * "50.00", "50,-"); a purpose and where a paid request goes. An amount that is not one is kept as an
 * impossible fee so the check names it.
 */
export function feeOf(
  amount: string,
  amountField: string,
  purpose: LocalisedText | undefined,
  paidTo: string,
): Workflow['statuses'][string]['payment'] {
  if (!amount && !amountField) return undefined;
  const francs = /^\d{1,7}([.,]\d{1,2}|[.,]-)?$/.test(amount)
    ? Number(amount.replace(',', '.').replace(/\.-$/, ''))
    : Number.NaN;
  return {
    // Both an amount and a field is one too many: the check says so.
    ...(amount && { amountCents: Number.isNaN(francs) ? 0 : Math.round(francs * 100) }),
    ...(amountField && { amountField }),
    purpose: purpose ?? { fr: '' },
    paidTo,
  };
}

/** The other authorities' fees a status had, kept on its fee as the designer changed it. */
const withOtherFees = (
  fee: Workflow['statuses'][string]['payment'],
  otherFees: NonNullable<Workflow['statuses'][string]['payment']>['otherFees'],
) => (fee && otherFees ? { ...fee, otherFees } : fee);

/** A rule a designer typed as field, comparison and value, as JSON Logic on the answers. */
function autoRule(field: string, operator: string, value: string) {
  const typed =
    value === 'true' || value === 'false'
      ? value === 'true'
      : /^-?\d+(\.\d+)?$/.test(value)
        ? Number(value)
        : value;
  return { [['==', '!=', '>', '<'].includes(operator) ? operator : '==']: [{ var: field }, typed] };
}

/**
 * Reads the workflow page: the workflow as edited from `current` (statuses worded, removed or
 * changed, transitions), the statuses asked to be removed, and a status being added. Checks
 * nothing: `updateWorkflow` does.
 */
export function workflowFromForm(
  current: Workflow,
  posted: PostedWorkflow,
): { workflow: Workflow; removed: string[]; newStatus?: NewStatus } {
  const one = (name: string) => {
    const value = posted[name];
    return typeof value === 'string' ? value.trim().slice(0, 200) : '';
  };
  const statuses: Workflow['statuses'] = {};
  const removed: string[] = [];
  for (const [id, status] of Object.entries(current.statuses)) {
    const field = (name: string) => one(`status.${id}.${name}`);
    if (field('remove') === 'yes' && !requiredStatuses.includes(id) && id !== current.initial) {
      removed.push(id);
      continue;
    }
    const days = Number.parseInt(field('timeoutDays'), 10);
    statuses[id] = {
      ...status,
      staffLabel: localisedFrom(posted, `status.${id}.staffLabel`, 200) ?? status.staffLabel,
      citizenLabel: localisedFrom(posted, `status.${id}.citizenLabel`, 200),
      final: requiredStatuses.includes(id) ? status.final : field('final') === 'yes' || undefined,
      notify: field('notify') === 'yes',
      letter: letterOf(
        localisedFrom(posted, `status.${id}.letterTitle`, 200),
        localisedFrom(posted, `status.${id}.letterText`, 5000),
        status.letter?.issuedAs,
      ),
      withdrawable: field('withdrawable') === 'yes',
      timeout: Number.isInteger(days) && days > 0 ? { days, to: field('timeoutTo') } : undefined,
      payment: withOtherFees(
        feeOf(
          field('paymentAmount'),
          field('paymentField'),
          localisedFrom(posted, `status.${id}.paymentPurpose`, 200),
          field('paidTo'),
        ),
        status.payment?.otherFees,
      ),
    };
  }
  const newStatus: NewStatus | undefined = one('newStatus.id')
    ? {
        id: one('newStatus.id'),
        staffLabel: localisedFrom(posted, 'newStatus.staffLabel', 200),
        citizenLabel: localisedFrom(posted, 'newStatus.citizenLabel', 200),
      }
    : undefined;
  const transitions: Workflow['transitions'] = [];
  // One row more than there are transitions: the empty row where a designer adds one.
  for (let i = 0; i <= current.transitions.length; i++) {
    const from = one(`transition.${i}.from`);
    const to = one(`transition.${i}.to`);
    if (!from || !to) continue;
    const roles = [posted[`transition.${i}.roles`] ?? []]
      .flat()
      .filter((r): r is 'agent' | 'authorityAdmin' => r === 'agent' || r === 'authorityAdmin');
    const autoField = one(`transition.${i}.autoField`);
    transitions.push({
      from,
      to,
      roles,
      label: localisedFrom(posted, `transition.${i}.label`, 200) ?? { fr: to },
      ...(autoField && {
        auto: autoRule(autoField, one(`transition.${i}.autoOperator`), one(`transition.${i}.autoValue`)),
      }),
    });
  }
  return {
    workflow: {
      ...current,
      initial: one('initial') || current.initial,
      statuses,
      transitions,
    },
    removed,
    newStatus,
  };
}
