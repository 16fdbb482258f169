import { describe, expect, it } from 'vitest';
import { atLeast, capLevel } from '../../platform/http/assurance-level.ts';
import { formatAvs, normaliseAvs } from './avs-number.ts';
import { formatUid, normaliseUid } from './uid-number.ts';

describe('AVS number', () => {
  it.each(['756.9217.0769.85', '7569217076985', '756 9217 0769 85', '756.1234.5678.97'])(
    'accepts %s',
    (avs) => {
      expect(normaliseAvs(avs)).toMatch(/^756\d{10}$/);
    },
  );

  it.each(['756.9217.0769.84', '756.9217.0769.8', '757.9217.0769.85', '756.1234.5678.90', 'abc'])(
    'rejects %s',
    (avs) => {
      expect(normaliseAvs(avs)).toBeUndefined();
    },
  );

  it('rejects every single wrong check digit', () => {
    const valid = '756921707698';
    for (let d = 0; d <= 9; d++) expect(normaliseAvs(`${valid}${d}`) !== undefined).toBe(d === 5);
  });

  it('formats with dots', () => expect(formatAvs('7569217076985')).toBe('756.9217.0769.85'));
});

describe('UID number', () => {
  it.each(['CHE-116.281.710', 'che116281710', 'CHE-109.322.551'])('accepts %s', (uid) => {
    expect(normaliseUid(uid)).toMatch(/^CHE\d{9}$/);
  });

  it.each(['CHE-116.281.711', 'CHE-116.281.71', 'DE-116.281.710', ''])('rejects %s', (uid) => {
    expect(normaliseUid(uid)).toBeUndefined();
  });

  it('rejects every single wrong check digit', () => {
    for (let d = 0; d <= 9; d++) expect(normaliseUid(`CHE11628171${d}`) !== undefined).toBe(d === 0);
  });

  it('formats the official way', () => expect(formatUid('CHE116281710')).toBe('CHE-116.281.710'));
});

describe('assurance levels', () => {
  it('orders and caps', () => {
    expect(atLeast('high', 'substantial')).toBe(true);
    expect(atLeast('low', 'substantial')).toBe(false);
    expect(capLevel('high', 'substantial')).toBe('substantial');
    expect(capLevel('low', 'substantial')).toBe('low');
  });
});
