import { describe, expect, it } from 'vitest';
import {
  deadlineOf,
  doseJumps,
  type FiledStatement,
  lastDueMonth,
  missingStatements,
  previousMonth,
  sharedPatients,
  totalsByProduct,
} from './controls.ts';
import type { StatementRow } from './statement-rows.ts';

const row = (
  patientCode: string,
  doses: number[],
  product: StatementRow['product'] = 'methadone',
): StatementRow => ({
  patientCode,
  product,
  strength: '10 mg/ml',
  prescriberGln: '7601000000002',
  doses,
});
const statement = (pharmacyUid: string, month: string, rows: StatementRow[]): FiledStatement => ({
  pharmacyUid,
  pharmacyName: `Pharmacie ${pharmacyUid}`,
  month,
  rows,
});

describe('the controls', () => {
  it('find a patient code served by two pharmacies in the same month, not in different months', () => {
    const statements = [
      statement('A', '2026-10', [row('VS-1000A1', [60]), row('VS-2000B2', [40])]),
      statement('B', '2026-10', [row('VS-1000A1', [60])]),
      statement('B', '2026-09', [row('VS-2000B2', [40])]),
    ];
    expect(sharedPatients(statements)).toEqual([
      {
        month: '2026-10',
        patientCode: 'VS-1000A1',
        pharmacies: [
          { uid: 'A', name: 'Pharmacie A' },
          { uid: 'B', name: 'Pharmacie B' },
        ],
      },
    ]);
  });

  it('find dose jumps beyond the threshold, across the month boundary, skipping days without a dose', () => {
    const statements = [
      statement('A', '2026-10', [row('VS-1000A1', [60, 0, 60, 95])]),
      statement('A', '2026-09', [row('VS-1000A1', [40, 60])]),
    ];
    expect(doseJumps(statements, 60).map((j) => [j.month, j.day, j.from, j.to])).toEqual([]);
    expect(doseJumps(statements, 40).map((j) => [j.month, j.day, j.from, j.to])).toEqual([
      ['2026-10', 4, 60, 95],
      ['2026-09', 2, 40, 60],
    ]);
    // Another product is another series.
    const other = [
      statement('A', '2026-10', [row('VS-1000A1', [60]), row('VS-1000A1', [8], 'buprenorphine')]),
    ];
    expect(doseJumps(other, 10)).toEqual([]);
  });

  it('total each product per month, counting patients once', () => {
    const statements = [
      statement('A', '2026-10', [row('VS-1000A1', [60, 60]), row('VS-2000B2', [8, 8], 'buprenorphine')]),
      statement('B', '2026-10', [row('VS-1000A1', [10.5])]),
    ];
    expect(totalsByProduct(statements)).toEqual([
      { month: '2026-10', product: 'buprenorphine', totalMg: 16, patients: 1 },
      { month: '2026-10', product: 'methadone', totalMg: 130.5, patients: 1 },
    ]);
  });

  it('find the pharmacies that filed the month before but not this one, once the deadline is past', () => {
    const statements = [
      statement('A', '2026-09', [row('VS-1000A1', [60])]),
      statement('B', '2026-09', [row('VS-2000B2', [60])]),
      statement('B', '2026-10', [row('VS-2000B2', [60])]),
    ];
    expect(missingStatements(statements, '2026-10', 10, '2026-11-10')).toEqual([]);
    expect(missingStatements(statements, '2026-10', 10, '2026-11-11')).toEqual([
      { month: '2026-10', pharmacyUid: 'A', pharmacyName: 'Pharmacie A', deadline: '2026-11-10' },
    ]);
  });

  it('count months and deadlines', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(deadlineOf('2026-12', 10)).toBe('2027-01-10');
    expect(lastDueMonth('2026-11-30', 10)).toBe('2026-10');
    expect(lastDueMonth('2026-11-10', 10)).toBe('2026-09');
  });
});
