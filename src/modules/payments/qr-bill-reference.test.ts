import fc from 'fast-check';
import { calculateQRReferenceChecksum, calculateSCORReferenceChecksum } from 'swissqrbill/utils';
import { describe, expect, it } from 'vitest';
import { isQrIban, validIban as isValidIban } from './iban.ts';
import {
  creditorReference,
  formatReference,
  isValidCreditorReference,
  isValidQrReference,
  qrReference,
  qrReferenceCheckDigit,
} from './qr-bill-reference.ts';

describe('QR reference (recursive modulo 10)', () => {
  it('gives the check digits of the guidelines’ examples', () => {
    // SIG QR-bill, example of a payment part with QR-IBAN and QR reference.
    expect(qrReferenceCheckDigit('21000000000313947143000901')).toBe(7);
    expect(isValidQrReference('21 00000 00003 13947 14300 09017')).toBe(true);
  });

  it('refuses a changed digit, a wrong length, letters and all zeros', () => {
    expect(isValidQrReference('210000000003139471430009018')).toBe(false);
    expect(isValidQrReference('21000000000313947143000901')).toBe(false);
    expect(isValidQrReference('21000000000313947143000901A')).toBe(false);
    expect(isValidQrReference('000000000000000000000000000')).toBe(false);
  });

  it('agrees with swissqrbill’s own implementation on any payload', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{26}$/), (body) => {
        expect(String(qrReferenceCheckDigit(body))).toBe(calculateQRReferenceChecksum(body));
      }),
    );
  });

  it('makes a valid reference of any payload, which any single changed digit invalidates', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{0,25}$/),
        fc.nat(26),
        fc.integer({ min: 1, max: 9 }),
        (payload, position, delta) => {
          const reference = qrReference(payload);
          expect(reference).toHaveLength(27);
          expect(isValidQrReference(reference)).toBe(true);
          const changed = (Number(reference[position]) + delta) % 10;
          const typo = `${reference.slice(0, position)}${changed}${reference.slice(position + 1)}`;
          expect(isValidQrReference(typo)).toBe(false);
        },
      ),
    );
  });
});

describe('creditor reference (ISO 11649)', () => {
  it('gives the check digits of the standard’s example', () => {
    expect(creditorReference('539007547034')).toBe('RF18539007547034');
    expect(isValidCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isValidCreditorReference('RF19 5390 0754 7034')).toBe(false);
    expect(isValidCreditorReference('RF18 5390 0754 7035')).toBe(false);
  });

  it('agrees with swissqrbill’s own implementation on any payload', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{1,21}$/), (body) => {
        expect(creditorReference(body).slice(2, 4)).toBe(calculateSCORReferenceChecksum(body));
      }),
    );
  });

  it('makes a valid reference of any payload, which any single changed digit invalidates', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{1,21}$/), (payload) => {
        expect(isValidCreditorReference(creditorReference(payload))).toBe(true);
      }),
    );
    // Modulo 97 catches every single substitution among digits (a letter stands for two digits).
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{1,21}$/),
        fc.nat(22),
        fc.integer({ min: 1, max: 9 }),
        (payload, at, delta) => {
          const reference = creditorReference(payload);
          const position = 2 + (at % (reference.length - 2));
          const changed = (Number(reference[position]) + delta) % 10;
          const typo = `${reference.slice(0, position)}${changed}${reference.slice(position + 1)}`;
          expect(isValidCreditorReference(typo)).toBe(false);
        },
      ),
    );
  });
});

describe('IBAN and QR-IBAN', () => {
  it('tells a QR-IBAN (institution 30000–31999) from an IBAN, both with valid check digits', () => {
    expect(isValidIban('CH44 3199 9123 0008 8901 2')).toBe(true);
    expect(isQrIban('CH44 3199 9123 0008 8901 2')).toBe(true);
    expect(isValidIban('CH93 0076 2011 6238 5295 7')).toBe(true);
    expect(isQrIban('CH93 0076 2011 6238 5295 7')).toBe(false);
    expect(isValidIban('CH45 3199 9123 0008 8901 2')).toBe(false);
  });

  it('formats references the way the payment part prints them', () => {
    expect(formatReference('210000000003139471430009017')).toBe('21 00000 00003 13947 14300 09017');
    expect(formatReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });
});
