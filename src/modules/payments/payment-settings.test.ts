import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { parseMasterKeys } from '../../platform/crypto/master-keys.ts';
import { seedDemo } from '../../seed/demo.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { isQrIban, validIban } from './iban.ts';
import {
  merchantOf,
  paymentSettingsOf,
  type SettingsInput,
  savePaymentSettings,
} from './payment-settings.ts';

let database: TestDatabase;
const keys = parseMasterKeys(`k1:${randomBytes(32).toString('base64')}`);
let sion = '';
let valais = '';

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, keys);
  sion = (await getAuthorityBySlug(database.db, 'sion'))?.id ?? '';
  valais = (await getAuthorityBySlug(database.db, 'valais'))?.id ?? '';
});
afterAll(() => database?.drop());

const input = (changes: Partial<SettingsInput['creditor']> = {}, merchant = {}): SettingsInput => ({
  provider: 'saferpay',
  merchant: { customerId: '1', terminalId: '2', apiUser: 'API_1_2', apiPassword: '', ...merchant },
  creditor: {
    name: 'Commune',
    street: 'Rue',
    postalCode: '1950',
    town: 'Sion',
    country: 'CH',
    iban: 'CH93 0076 2011 6238 5295 7',
    ...changes,
  },
  accountingCodes: 'default = 4260',
});

describe('IBAN and QR-IBAN', () => {
  it('checks the IBAN modulo 97 and the QR-IID range 30000–31999', () => {
    expect(validIban('CH93 0076 2011 6238 5295 7')).toBe(true);
    expect(validIban('CH94 0076 2011 6238 5295 7')).toBe(false);
    expect(validIban('CH93 0076 2011 6238 5295')).toBe(false);
    expect(isQrIban('CH44 3199 9123 0008 8901 2')).toBe(true);
    expect(isQrIban('CH93 0076 2011 6238 5295 7')).toBe(false);
    // 32000 is past the range, though its check digits hold.
    expect(validIban('CH6932000000012345678')).toBe(true);
    expect(isQrIban('CH6932000000012345678')).toBe(false);
  });
});

describe('per-authority payment settings', () => {
  it('seeds the canton on Datatrans and Sion on Saferpay, each with its creditor', async () => {
    const canton = await paymentSettingsOf(database.db, valais);
    const commune = await paymentSettingsOf(database.db, sion);
    expect(canton?.provider).toBe('datatrans');
    expect(commune?.provider).toBe('saferpay');
    expect(commune?.creditor).toMatchObject({ qrIban: 'CH3930808001234567891', postalCode: '1950' });
    expect(commune?.accountingCodes).toEqual({ default: '4260', case: '4260' });
  });

  it('seals the merchant secrets at rest, bound to their authority', async () => {
    const { rows } = await sql<{ merchant_secret: string; merchant: unknown }>`
      select merchant_secret, merchant from payment_settings where authority_id = ${sion}`.execute(
      database.db,
    );
    expect(rows[0]?.merchant_secret).not.toContain('simulator-sion');
    expect(JSON.stringify(rows[0]?.merchant)).not.toContain('simulator-sion');
    expect(await merchantOf(database.db, keys, sion)).toMatchObject({ apiPassword: 'simulator-sion' });
    // Copied onto another authority's row, the sealed secret does not open.
    await sql`update payment_settings set merchant_secret = ${rows[0]?.merchant_secret}
      where authority_id = ${valais}`.execute(database.db);
    await expect(merchantOf(database.db, keys, valais)).rejects.toThrow();
  });

  it('refuses a bad IBAN, a QR-IBAN given as IBAN, an IBAN given as QR-IBAN, and missing secrets', async () => {
    const sierre = (await getAuthorityBySlug(database.db, 'sierre'))?.id ?? '';
    const problems = async (changes: Partial<SettingsInput['creditor']>, merchant = {}) =>
      savePaymentSettings(database.db, keys, 'test', sierre, input(changes, merchant));
    expect(await problems({}, { apiPassword: 'x' })).toBe('saved');
    expect(await problems({ iban: 'CH94 0076 2011 6238 5295 7' })).toEqual([
      { field: 'iban', problem: 'iban' },
    ]);
    expect(await problems({ iban: 'CH4431999123000889012' })).toEqual([
      { field: 'iban', problem: 'notQrIban' },
    ]);
    expect(await problems({ qrIban: 'CH9300762011623852957' })).toEqual([
      { field: 'qrIban', problem: 'qrIban' },
    ]);
    expect(await problems({ postalCode: '19500' })).toEqual([{ field: 'postalCode', problem: 'postalCode' }]);
    // The secret left blank keeps the one recorded…
    expect(await problems({ qrIban: 'CH44 3199 9123 0008 8901 2' })).toBe('saved');
    expect(await merchantOf(database.db, keys, sierre)).toMatchObject({ apiPassword: 'x' });
    // …but a change of provider needs the new provider's secrets.
    const datatrans = { ...input(), provider: 'datatrans', merchant: { merchantId: '11' } };
    expect(await savePaymentSettings(database.db, keys, 'test', sierre, datatrans)).toEqual([
      { field: 'password', problem: 'required' },
      { field: 'signKey', problem: 'required' },
    ]);
  });

  it('audits each change without its secrets', async () => {
    const { rows } = await sql<{ details: unknown }>`
      select details from audit_events where action = 'payment.settings.saved'`.execute(database.db);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toMatch(/simulator-sion|apiPassword":"/);
  });
});
