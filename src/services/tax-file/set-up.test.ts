import { describe, expect, it } from 'vitest';
import { definitionProblems } from '../../modules/forms/definition.ts';
import { debtExtractForm } from '../debt-extract/form.ts';
import { olderDocumentsForm } from './set-up.ts';

describe('the services’ forms', () => {
  it('are forms the builder publishes as they are', () => {
    expect(definitionProblems(olderDocumentsForm)).toEqual([]);
    expect(definitionProblems(debtExtractForm)).toEqual([]);
  });
});
