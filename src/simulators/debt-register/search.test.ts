import { describe, expect, it } from 'vitest';
import { extractContent, francs } from './extract-content.ts';
import { searchRegister } from './search.ts';
import type { Debtor, Proceeding } from './store.ts';

const debtor = (d: Partial<Debtor> & { id: number; name: string }): Debtor => ({
  avs: null,
  uid: null,
  date_of_birth: null,
  town: 'Sion',
  ...d,
});
const marc = {
  kind: 'person' as const,
  avs: '756.3456.7890.19',
  name: 'Marc Darbellay',
  dateOfBirth: '1969-11-30',
};

describe('searching the register', () => {
  it('finds a debtor by AVS number whatever its formatting, and nobody else', () => {
    const debtors = [
      debtor({ id: 1, avs: '7563456789019', name: 'M. Darbellay' }),
      debtor({ id: 2, avs: '7561234567897', name: 'Marc Darbellay' }),
    ];
    expect(searchRegister(debtors, marc)).toEqual({ sure: [1], homonyms: [] });
  });

  it('holds an entry of the same name without birth date as a homonym to check, accents and case aside', () => {
    const debtors = [
      debtor({ id: 3, name: 'MARC  DARBELLAY' }),
      debtor({ id: 4, name: 'Marc Darbéllay', date_of_birth: '1969-11-30' }),
    ];
    expect(searchRegister(debtors, marc)).toEqual({ sure: [4], homonyms: [3] });
  });

  it('does not count a namesake born another day', () => {
    expect(
      searchRegister([debtor({ id: 5, name: 'Marc Darbellay', date_of_birth: '1990-01-01' })], marc),
    ).toEqual({
      sure: [],
      homonyms: [],
    });
  });

  it('finds an organisation by its UID only, never by a person’s entry', () => {
    const debtors = [
      debtor({ id: 6, uid: 'CHE345678915', name: 'Imboden Bau AG' }),
      debtor({ id: 7, name: 'Imboden Bau AG' }),
    ];
    expect(
      searchRegister(debtors, {
        kind: 'organisation',
        uid: 'CHE-345.678.915',
        name: 'Imboden Bau AG',
        seat: 'Brig',
      }),
    ).toEqual({ sure: [6], homonyms: [] });
  });
});

describe('the extract’s wording', () => {
  const proceeding: Proceeding = {
    number: '21-2025-001877',
    debtor_id: 1,
    creditor: 'Garage Oberwallis GmbH',
    amount_cents: 642000,
    started_on: '2025-04-03',
    stage: 'opposition',
  };

  it('says there is nothing, in French, and signs the name, birth date and count for verifiers', () => {
    const doc = extractContent(marc, [], 'fr');
    expect(doc.paragraphs[0]).toContain('Aucune poursuite');
    expect(doc.sections).toHaveLength(1);
    expect(doc.verifierFields).toEqual({ n: 'Marc Darbellay', b: '1969-11-30', o: 'Aucune poursuite' });
  });

  it('lists each proceeding with its creditor, amount and stage, in German', () => {
    const doc = extractContent(marc, [proceeding, { ...proceeding, number: 'x', stage: 'paid' }], 'de');
    expect(doc.sections[1]).toEqual({
      heading: 'Betreibungen',
      fields: [
        {
          label: 'Betreibung Nr. 21-2025-001877 (03.04.2025)',
          value: 'Garage Oberwallis GmbH – CHF 6’420.00 – Rechtsvorschlag erhoben',
        },
        { label: 'Betreibung Nr. x (03.04.2025)', value: 'Garage Oberwallis GmbH – CHF 6’420.00 – bezahlt' },
      ],
    });
    expect(doc.verifierFields.o).toBe('2 Betreibungen');
  });

  it('writes francs the Swiss way', () => {
    expect(francs(1845050)).toBe('CHF 18’450.50');
    expect(francs(5)).toBe('CHF 0.05');
  });
});
