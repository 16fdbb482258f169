import { describe, expect, it } from 'vitest';
import {
  checkPatientCode,
  checkRows,
  doseOf,
  isGln,
  productOf,
  type RawRow,
  strengthOf,
} from './statement-rows.ts';

const days = (values: Record<number, string>) => Array.from({ length: 31 }, (_, i) => values[i + 1] ?? '');
const line = (overrides: Partial<RawRow> = {}): RawRow => ({
  patientCode: 'VS-4821K7',
  product: 'Méthadone',
  strength: '10 mg/ml',
  prescriberGln: '7601000000002',
  doses: days({ 1: '60', 2: '60', 3: '65,5' }),
  ...overrides,
});

describe('a patient code', () => {
  it('is a pseudonymised code, written in capitals', () => {
    expect(checkPatientCode(' vs-4821k7 ')).toEqual({ code: 'VS-4821K7' });
  });

  it('is refused when it looks like a name, saying so', () => {
    for (const name of ['Jean Dupont', 'Dupont', 'Dupont, Jean', "D'Andrea Lucia", 'Zen-Ruffinen'])
      expect(checkPatientCode(name), name).toEqual({ problem: 'patientCodeLooksLikeName' });
  });

  it('is refused when it is not shaped like a code or has too few digits', () => {
    expect(checkPatientCode('VS-12')).toEqual({ problem: 'patientCodeInvalid' });
    expect(checkPatientCode('AB-CDEF12')).toEqual({ problem: 'patientCodeInvalid' });
    expect(checkPatientCode('')).toEqual({ problem: 'patientCodeMissing' });
  });
});

describe('the cells of a line', () => {
  it('read products in French, German and English', () => {
    expect(productOf('Méthadone')).toBe('methadone');
    expect(productOf('Buprenorphin')).toBe('buprenorphine');
    expect(productOf('Morphine retard')).toBe('morphineSlowRelease');
    expect(productOf('Diacétylmorphine')).toBe('diacetylmorphine');
    expect(productOf('aspirine')).toBeUndefined();
  });

  it('read strengths and doses as Swiss spreadsheets write them', () => {
    expect(strengthOf('10mg/ml')).toBe('10 mg/ml');
    expect(strengthOf('2,5 MG')).toBe('2.5 mg');
    expect(strengthOf('dix')).toBeUndefined();
    expect(doseOf('65,5')).toBe(65.5);
    expect(doseOf('')).toBe(0);
    expect(doseOf('1’000')).toBeUndefined();
    expect(doseOf('soixante')).toBeUndefined();
  });

  it('check the GLN check digit', () => {
    expect(isGln('7601000000002')).toBe(true);
    expect(isGln('7601000000001')).toBe(false);
    expect(isGln('4001000000002')).toBe(false);
  });
});

describe('checkRows', () => {
  it('gives the lines ready to file, blank lines left out', () => {
    const { rows, errors } = checkRows('2026-10', [
      line(),
      line({ patientCode: '', product: '', strength: '', prescriberGln: '', doses: days({}) }),
    ]);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ patientCode: 'VS-4821K7', product: 'methadone', strength: '10 mg/ml' });
    expect(rows[0]?.doses).toHaveLength(31);
    expect(rows[0]?.doses.slice(0, 4)).toEqual([60, 60, 65.5, 0]);
  });

  it('names every problem by line and cell', () => {
    const { rows, errors } = checkRows('2026-11', [
      line(),
      line({ patientCode: 'Marie Favre', prescriberGln: '123', doses: days({ 2: 'x', 31: '40' }) }),
      line({ product: 'Méthadone' }),
      line({ patientCode: 'VS-1111A1', doses: days({}) }),
    ]);
    expect(rows).toHaveLength(1);
    expect(errors).toEqual([
      { row: 1, field: 'patientCode', problem: 'patientCodeLooksLikeName' },
      { row: 1, field: 'prescriberGln', problem: 'glnInvalid' },
      { row: 1, field: 'day2', problem: 'doseInvalid' },
      { row: 1, field: 'day31', problem: 'dayOutsideMonth' },
      { row: 2, field: 'patientCode', problem: 'duplicateRow' },
      { row: 3, field: 'day1', problem: 'noDoses' },
    ]);
  });
});
