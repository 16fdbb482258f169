import { describe, expect, it } from 'vitest';
import { definitionProblems } from '../../modules/forms/definition.ts';
import { validateAnswers } from '../../modules/forms/validate.ts';
import { announcementStart } from './announcement.ts';
import { changeForm } from './change-form.ts';

const entry = {
  gln: '7601000123459',
  practiceAddress: { street: 'Avenue de la Gare 10', postcode: '1950', town: 'Sion' },
  phone: '+41 27 322 10 10',
  email: 'cabinet@example.ch',
  languages: ['fr', 'de'],
  sites: [],
  history: [],
};

describe('the announcement of a change', () => {
  it('publishes', () => {
    expect(definitionProblems(changeForm)).toEqual([]);
  });

  it('starts from the register’s values, old and new alike, and is valid as it starts', () => {
    const answers = announcementStart(entry);
    expect(answers).toMatchObject({
      gln: '7601000123459',
      changes: [
        {
          item: 'address',
          current: 'Avenue de la Gare 10, 1950 Sion',
          proposed: 'Avenue de la Gare 10, 1950 Sion',
        },
        { item: 'phone', current: '+41 27 322 10 10' },
        { item: 'email', current: 'cabinet@example.ch' },
        { item: 'languages', current: 'fr, de' },
        { item: 'newSite', current: '', proposed: '' },
      ],
    });
    expect(validateAnswers(changeForm, answers, { today: '2026-12-02' }).problems).toEqual([]);
  });

  it('names an institution by its UID, not a GLN', () => {
    const answers = announcementStart({ ...entry, gln: undefined, uid: 'CHE123456788' });
    expect(answers.uid).toBe('CHE123456788');
    expect(answers.gln).toBeUndefined();
  });
});
