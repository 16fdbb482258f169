import { describe, expect, it } from 'vitest';
import type { ShownFee } from '../catalogue/index.ts';
import { feeContradictions } from './fee-check.ts';
import { defaultWorkflow, type Workflow } from './workflow.ts';

const shown = (feeCents: number | null): ShownFee => ({
  slug: 'chiens',
  name: { fr: 'Chiens' },
  version: 2,
  published: true,
  feeCents,
});
const asking = (payment: NonNullable<Workflow['statuses'][string]['payment']>): Workflow => ({
  ...defaultWorkflow,
  statuses: {
    ...defaultWorkflow.statuses,
    fee: { staffLabel: { fr: 'Émolument' }, citizenLabel: { fr: 'À payer' }, payment },
  },
});
const purpose = { fr: 'Émolument' };

describe('the fee the catalogue shows against the fee the workflow asks', () => {
  it('says when they differ, when a shown fee is never asked, and when a free service asks one', () => {
    expect(
      feeContradictions(asking({ amountCents: 2000, purpose, paidTo: 'submitted' }), [shown(1700)]),
    ).toEqual([{ kind: 'differs', shown: shown(1700), askedCents: 2000 }]);
    expect(feeContradictions(defaultWorkflow, [shown(1700)])).toEqual([
      { kind: 'notAsked', shown: shown(1700) },
    ]);
    expect(
      feeContradictions(asking({ amountField: 'tax', purpose, paidTo: 'submitted' }), [shown(null)]),
    ).toEqual([{ kind: 'freeButAsked', shown: shown(null), status: 'fee' }]);
  });

  it('finds nothing when they agree, or when the amount comes from the answers', () => {
    expect(
      feeContradictions(asking({ amountCents: 1700, purpose, paidTo: 'submitted' }), [shown(1700)]),
    ).toEqual([]);
    expect(
      feeContradictions(asking({ amountField: 'tax', purpose, paidTo: 'submitted' }), [shown(1700)]),
    ).toEqual([]);
    expect(feeContradictions(defaultWorkflow, [shown(null)])).toEqual([]);
  });
});
