import type { ShownFee } from '../catalogue/index.ts';
import type { Workflow } from './workflow.ts';

/** Where the fee the catalogue shows and the fee the workflow asks tell the public different things. */
export type FeeContradiction =
  /** The entry shows an amount, the workflow asks another (fixed) one. */
  | { kind: 'differs'; shown: ShownFee; askedCents: number }
  /** The entry shows an amount, no status asks for a payment. */
  | { kind: 'notAsked'; shown: ShownFee }
  /** The entry says the service is free, a status asks for a payment. */
  | { kind: 'freeButAsked'; shown: ShownFee; status: string };

/**
 * Checks the workflow's fees against what the catalogue entries running its form show, published
 * and draft alike. Fixed fees are added up; an amount taken from the answers (e.g. per dog) cannot
 * be compared with one figure, so only "free" contradicts it.
 */
export function feeContradictions(workflow: Workflow, shownFees: ShownFee[]): FeeContradiction[] {
  const asking = Object.entries(workflow.statuses).filter(([, status]) => status.payment);
  const variable = asking.some(([, status]) => status.payment?.amountField);
  const fixedCents = asking.reduce(
    (sum, [, status]) =>
      sum +
      (status.payment?.amountCents ?? 0) +
      (status.payment?.otherFees ?? []).reduce((other, fee) => other + fee.amountCents, 0),
    0,
  );
  return shownFees.flatMap((shown): FeeContradiction[] => {
    const [first] = asking;
    if (shown.feeCents === null) return first ? [{ kind: 'freeButAsked', shown, status: first[0] }] : [];
    if (!first) return [{ kind: 'notAsked', shown }];
    if (!variable && fixedCents !== shown.feeCents)
      return [{ kind: 'differs', shown, askedCents: fixedCents }];
    return [];
  });
}
