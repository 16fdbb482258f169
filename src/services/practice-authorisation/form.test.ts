import { describe, expect, it } from 'vitest';
import { definitionProblems } from '../../modules/forms/definition.ts';
import { validateAnswers } from '../../modules/forms/validate.ts';
import { practiceAuthorisationForm } from './form.ts';

const missing = (answers: Record<string, unknown>) =>
  validateAnswers(practiceAuthorisationForm, answers, { today: '2026-12-02', onlyStep: 'documents' })
    .problems.filter((p) => p.problem === 'required')
    .map((p) => p.field)
    .sort();

describe('the application for an authorisation to practise', () => {
  it('publishes (ids, options and conditions are sound)', () => {
    expect(definitionProblems(practiceAuthorisationForm)).toEqual([]);
  });

  it('asks a physician for the postgraduate title, a midwife not; a recognition only for a foreign diploma', () => {
    expect(missing({ profession: 'physician', foreignDiploma: false })).toEqual([
      'criminalRecord',
      'diploma',
      'goodStanding',
      'identity',
      'insurance',
      'postgraduateTitle',
    ]);
    expect(missing({ profession: 'midwife', foreignDiploma: true })).toEqual([
      'criminalRecord',
      'diploma',
      'goodStanding',
      'identity',
      'insurance',
      'recognition',
    ]);
  });
});
