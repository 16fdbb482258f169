import { describe, expect, it } from 'vitest';
import { defaultWorkflow } from './workflow.ts';
import { feeOf, workflowFromForm } from './workflow-form.ts';

/** The workflow page as posted for the default workflow, untouched, plus `changes`. */
function posted(changes: Record<string, unknown> = {}) {
  const fields: Record<string, unknown> = { initial: defaultWorkflow.initial };
  for (const [id, status] of Object.entries(defaultWorkflow.statuses)) {
    fields[`status.${id}.staffLabel.fr`] = status.staffLabel.fr;
    if (status.citizenLabel) fields[`status.${id}.citizenLabel.fr`] = status.citizenLabel.fr;
    if (status.final) fields[`status.${id}.final`] = 'yes';
  }
  defaultWorkflow.transitions.forEach((transition, i) => {
    fields[`transition.${i}.from`] = transition.from;
    fields[`transition.${i}.to`] = transition.to;
    fields[`transition.${i}.label.fr`] = transition.label.fr;
    fields[`transition.${i}.roles`] = ['agent', 'authorityAdmin'];
  });
  return { ...fields, ...changes };
}

describe('the workflow page, read', () => {
  it('keeps the statuses and transitions as posted, in French wording', () => {
    const { workflow, removed, newStatus } = workflowFromForm(defaultWorkflow, posted());
    expect(Object.keys(workflow.statuses)).toEqual(Object.keys(defaultWorkflow.statuses));
    expect(workflow.transitions.map((t) => [t.from, t.to, t.roles])).toEqual(
      defaultWorkflow.transitions.map((t) => [t.from, t.to, ['agent', 'authorityAdmin']]),
    );
    expect(removed).toEqual([]);
    expect(newStatus).toBeUndefined();
  });

  it('removes a status asked to be removed, but never a required or the initial one', () => {
    const { workflow, removed } = workflowFromForm(
      defaultWorkflow,
      posted({
        'status.closed.remove': 'yes',
        'status.granted.remove': 'yes',
        'status.submitted.remove': 'yes',
      }),
    );
    expect(removed).toEqual(['closed']);
    expect(workflow.statuses.granted).toBeDefined();
    expect(workflow.statuses.submitted).toBeDefined();
  });

  it('reads time-outs, a letter only with its text, and a status being added', () => {
    const { workflow, newStatus } = workflowFromForm(
      defaultWorkflow,
      posted({
        'status.submitted.timeoutDays': '10',
        'status.submitted.timeoutTo': 'closed',
        'status.granted.letterTitle.fr': 'Confirmation',
        'status.refused.letterTitle.fr': 'Sans texte',
        'status.granted.letterText.fr': 'Accepté.',
        'newStatus.id': 'expertise',
        'newStatus.staffLabel.fr': 'Chez l’expert',
      }),
    );
    expect(workflow.statuses.submitted?.timeout).toEqual({ days: 10, to: 'closed' });
    expect(workflow.statuses.granted?.letter).toEqual({
      title: { fr: 'Confirmation' },
      text: { fr: 'Accepté.' },
    });
    expect(workflow.statuses.refused?.letter).toBeUndefined();
    expect(newStatus).toEqual({
      id: 'expertise',
      staffLabel: { fr: 'Chez l’expert' },
      citizenLabel: undefined,
    });
  });

  it('turns a rule typed as field, comparison and value into JSON Logic with the value typed', () => {
    const n = defaultWorkflow.transitions.length;
    const rule = (value: string, operator = '==') =>
      workflowFromForm(
        defaultWorkflow,
        posted({
          [`transition.${n}.from`]: 'submitted',
          [`transition.${n}.to`]: 'in_progress',
          [`transition.${n}.roles`]: 'agent',
          [`transition.${n}.autoField`]: 'urgent',
          [`transition.${n}.autoOperator`]: operator,
          [`transition.${n}.autoValue`]: value,
        }),
      ).workflow.transitions[n]?.auto;
    expect(rule('true')).toEqual({ '==': [{ var: 'urgent' }, true] });
    expect(rule('12.5', '>')).toEqual({ '>': [{ var: 'urgent' }, 12.5] });
    expect(rule('oui', 'drop table')).toEqual({ '==': [{ var: 'urgent' }, 'oui'] });
  });

  it('keeps only the roles that may move requests', () => {
    const { workflow } = workflowFromForm(
      defaultWorkflow,
      posted({ 'transition.0.roles': ['agent', 'serviceDesigner', 'platformAdmin'] }),
    );
    expect(workflow.transitions[0]?.roles).toEqual(['agent']);
  });
});

describe('a fee as typed', () => {
  const purpose = { fr: 'Émolument' };
  it('reads francs with cents, a comma or a dash', () => {
    expect(feeOf('50', '', purpose, 'in_progress')).toEqual({
      amountCents: 5000,
      purpose,
      paidTo: 'in_progress',
    });
    expect(feeOf('32,50', '', purpose, 'x')?.amountCents).toBe(3250);
    expect(feeOf('50.-', '', purpose, 'x')?.amountCents).toBe(5000);
  });
  it('keeps what is not an amount as an impossible fee, for the check to name', () => {
    expect(feeOf('trente', '', purpose, 'x')?.amountCents).toBe(0);
  });
  it('takes the amount from a field, and nothing at all as no fee', () => {
    expect(feeOf('', 'fee', undefined, 'x')).toEqual({
      amountField: 'fee',
      purpose: { fr: '' },
      paidTo: 'x',
    });
    expect(feeOf('', '', purpose, 'x')).toBeUndefined();
  });
});
