import { describe, expect, it } from 'vitest';
import { definitionProblems } from './definition.ts';
import { demoDogRegistration } from './demo-forms.ts';
import { engine } from './engine.ts';

const dog = (name: string) => ({ name, chip: '756098100123456' });

describe('the demo dog registration', () => {
  it('computes the yearly tax from the dogs listed, not from a number typed beside them', () => {
    expect(definitionProblems(demoDogRegistration)).toEqual([]);
    const fields = demoDogRegistration.steps.flatMap((step) => step.fields.map((field) => field.id));
    expect(fields).not.toContain('count');
    const fee = (list: unknown) => engine.withComputed(demoDogRegistration, { list }).fee;
    expect(fee([dog('Rex')])).toBe(100);
    expect(fee([dog('Rex'), dog('Bella'), dog('Nala')])).toBe(300);
    expect(fee(undefined)).toBe(0);
  });
});
