import { describe, expect, it } from 'vitest';
import { formatPhone, phoneHref } from './contact.ts';

describe('phone numbers', () => {
  it.each([
    ['0270001300', '027 000 13 00', 'tel:+41270001300'],
    ['027 000 13 00', '027 000 13 00', 'tel:+41270001300'],
    ['+41270001300', '+41 27 000 13 00', 'tel:+41270001300'],
    ['0041 79 123 45 67', '+41 79 123 45 67', 'tel:0041791234567'],
    ['+33 1 23 45 67 89', '+33 1 23 45 67 89', 'tel:+33123456789'],
  ])('shows %s grouped the Swiss way', (given, shown, href) => {
    expect(formatPhone(given)).toBe(shown);
    expect(phoneHref(given)).toBe(href);
  });
});
