import { describe, expect, it } from 'vitest';
import { answerCells, answerColumns } from './answer-columns.ts';
import { demoDogRegistration } from './demo-forms.ts';

const twoDogs = {
  list: [
    { name: 'Rex', chip: '756000000000001' },
    { name: 'Nala', chip: '756000000000002' },
  ],
};

describe('answers as spreadsheet columns', () => {
  it('give a repeating group’s columns once per row, up to the most rows of any request', () => {
    const keys = answerColumns(demoDogRegistration, [{ list: [{ name: 'Rex' }] }, twoDogs], 'fr').map(
      (c) => c.key,
    );
    expect(keys).toContain('list.1.name');
    expect(keys).toContain('list.2.chip');
    expect(keys).not.toContain('list.3.name');
    expect(keys).not.toContain('list');
    const labels = answerColumns(demoDogRegistration, [twoDogs], 'de').map((c) => c.label);
    expect(labels).toContain('Hunde 2 – Name des Hundes');
  });

  it('put one value as people read it in each cell, and nothing for a row not given', () => {
    const cells = answerCells(demoDogRegistration, { list: [{ name: 'Rex' }] }, 'fr');
    expect(cells['list.1.name']).toBe('Rex');
    expect(cells['list.2.name']).toBeUndefined();
  });
});
