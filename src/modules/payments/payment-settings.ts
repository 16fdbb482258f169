import { sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type MasterKey, openText, sealText } from '../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { compactIban, isQrIban, validIban } from './iban.ts';
import type { Creditor, PaymentsTables, ProviderKind } from './tables.ts';

const tables = (db: Db) => tablesOf<PaymentsTables>(db);

/** What other parts of payments (the QR-bill, the ledger) read of an authority's settings: no secret. */
export interface PaymentSettings {
  provider: ProviderKind;
  creditor: Creditor;
  accountingCodes: Record<string, string>;
}

/** A merchant account at its provider, secrets opened: what a provider client is built from. */
export type Merchant =
  | { provider: 'datatrans'; merchantId: string; password: string; signKey: string }
  | { provider: 'saferpay'; customerId: string; terminalId: string; apiUser: string; apiPassword: string };

/** The fields of each provider's merchant that are secret, sealed at rest and never shown again. */
export const secretFields = { datatrans: ['password', 'signKey'], saferpay: ['apiPassword'] } as const;
const publicFields = {
  datatrans: ['merchantId'],
  saferpay: ['customerId', 'terminalId', 'apiUser'],
} as const;

/** Binds a sealed secret to its authority: copied onto another authority's row, it does not open. */
const aad = (authorityId: string) => `payment-settings:${authorityId}`;

/**
 * An authority's payment settings, without its secrets; none until its administrator sets them.
 *
 * @example (await paymentSettingsOf(db, sion.id))?.creditor.qrIban // 'CH4431999123000889012'
 */
export async function paymentSettingsOf(db: Db, authorityId: string): Promise<PaymentSettings | undefined> {
  const row = await tables(db)
    .selectFrom('payment_settings')
    .select(['provider', 'creditor', 'accounting_codes'])
    .where('authority_id', '=', authorityId)
    .executeTakeFirst();
  return row && { provider: row.provider, creditor: row.creditor, accountingCodes: row.accounting_codes };
}

/** The authority's merchant account, its secrets opened; none: it has no settings of its own. */
export async function merchantOf(
  db: Db,
  keys: MasterKey[],
  authorityId: string,
): Promise<Merchant | undefined> {
  const row = await tables(db)
    .selectFrom('payment_settings')
    .select(['provider', 'merchant', 'merchant_secret'])
    .where('authority_id', '=', authorityId)
    .executeTakeFirst();
  if (!row) return undefined;
  const secrets = JSON.parse(openText(keys, row.merchant_secret, aad(authorityId))) as Record<string, string>;
  return { ...row.merchant, ...secrets, provider: row.provider } as Merchant;
}

/** The settings as the administrator's form sends them (text fields; secrets left blank: unchanged). */
export interface SettingsInput {
  provider: string;
  merchant: Record<string, string>;
  creditor: Record<string, string>;
  /** One per line: `what = code`. */
  accountingCodes: string;
}

/** A field the administrator must correct, by the message key that says why. */
export interface SettingsError {
  field: string;
  problem: 'required' | 'iban' | 'qrIban' | 'notQrIban' | 'postalCode' | 'country' | 'codes' | 'tooLong';
}

/**
 * Checks and records an authority's payment settings, audited (secrets neither logged nor audited, only
 * which were changed). A secret left blank keeps the one recorded; the first settings need them all.
 * The IBAN must pass its check digits and be an ordinary IBAN; the QR-IBAN must be one (IID
 * 30000–31999); at least one of them is needed for the QR-bill.
 */
export async function savePaymentSettings(
  db: Db,
  keys: MasterKey[],
  actor: string,
  authorityId: string,
  input: SettingsInput,
): Promise<SettingsError[] | 'saved'> {
  const errors: SettingsError[] = [];
  const provider: ProviderKind | undefined =
    input.provider === 'saferpay' ? 'saferpay' : input.provider === 'datatrans' ? 'datatrans' : undefined;
  if (!provider) return [{ field: 'provider', problem: 'required' }];
  const text = (value: string | undefined, field: string, max = 70) => {
    const trimmed = (value ?? '').trim();
    if (trimmed.length > max) errors.push({ field, problem: 'tooLong' });
    return trimmed;
  };
  const merchant = Object.fromEntries(
    publicFields[provider].map((field) => [field, text(input.merchant[field], field, 100)]),
  );
  for (const [field, value] of Object.entries(merchant))
    if (!value) errors.push({ field, problem: 'required' });
  const typedSecrets = Object.fromEntries(
    secretFields[provider].map((field) => [field, text(input.merchant[field], field, 200)]),
  );
  const known = await merchantOf(db, keys, authorityId).catch(() => undefined);
  const secrets: Record<string, string> = {};
  for (const field of secretFields[provider]) {
    const kept = known?.provider === provider ? (known as Record<string, string>)[field] : undefined;
    const value = typedSecrets[field] || kept;
    if (!value) errors.push({ field, problem: 'required' });
    else secrets[field] = value;
  }
  if (provider === 'datatrans' && secrets.signKey && !/^[0-9a-f]{32,256}$/i.test(secrets.signKey))
    errors.push({ field: 'signKey', problem: 'required' });

  const creditor: Creditor = {
    name: text(input.creditor.name, 'name'),
    street: text(input.creditor.street, 'street'),
    postalCode: text(input.creditor.postalCode, 'postalCode', 16),
    town: text(input.creditor.town, 'town', 35),
    country: text(input.creditor.country, 'country', 2).toUpperCase() || 'CH',
  };
  for (const field of ['name', 'street', 'postalCode', 'town'] as const)
    if (!creditor[field]) errors.push({ field, problem: 'required' });
  const buildingNumber = text(input.creditor.buildingNumber, 'buildingNumber', 16);
  if (buildingNumber) creditor.buildingNumber = buildingNumber;
  if (!/^[A-Z]{2}$/.test(creditor.country)) errors.push({ field: 'country', problem: 'country' });
  if (creditor.country === 'CH' && creditor.postalCode && !/^\d{4}$/.test(creditor.postalCode))
    errors.push({ field: 'postalCode', problem: 'postalCode' });
  const iban = compactIban(input.creditor.iban ?? '');
  const qrIban = compactIban(input.creditor.qrIban ?? '');
  if (iban && !validIban(iban)) errors.push({ field: 'iban', problem: 'iban' });
  else if (iban && isQrIban(iban)) errors.push({ field: 'iban', problem: 'notQrIban' });
  else if (iban) creditor.iban = iban;
  if (qrIban && !isQrIban(qrIban))
    errors.push({ field: 'qrIban', problem: validIban(qrIban) ? 'qrIban' : 'iban' });
  else if (qrIban) creditor.qrIban = qrIban;
  if (!iban && !qrIban) errors.push({ field: 'iban', problem: 'required' });

  const accountingCodes: Record<string, string> = {};
  for (const line of input.accountingCodes
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = line.match(/^([\w:.-]{1,60})\s*=\s*([\w.-]{1,30})$/);
    if (!match?.[1] || !match[2]) {
      errors.push({ field: 'accountingCodes', problem: 'codes' });
      break;
    }
    accountingCodes[match[1]] = match[2];
  }
  if (errors.length > 0) return errors;

  const changedSecrets = secretFields[provider].filter((field) => typedSecrets[field]);
  const event = {
    actor,
    action: 'payment.settings.saved',
    subjectType: 'authority',
    subjectId: authorityId,
    authorityId,
    details: { provider, merchant, creditor, accountingCodes, changedSecrets },
  };
  const row = {
    provider,
    merchant,
    merchant_secret: sealText(keys, JSON.stringify(secrets), aad(authorityId)),
    creditor,
    accounting_codes: accountingCodes,
  };
  await audited(db, event, (tx) =>
    tables(tx)
      .insertInto('payment_settings')
      .values({ authority_id: authorityId, ...row })
      .onConflict((oc) => oc.column('authority_id').doUpdateSet({ ...row, updated_at: sql`now()` }))
      .execute(),
  );
  return 'saved';
}

/** The recorded settings as the administrator's form shows them: secrets left out. */
export async function settingsFormOf(db: Db, authorityId: string): Promise<SettingsInput | undefined> {
  const row = await tables(db)
    .selectFrom('payment_settings')
    .select(['provider', 'merchant', 'creditor', 'accounting_codes'])
    .where('authority_id', '=', authorityId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    provider: row.provider,
    merchant: row.merchant,
    creditor: { ...row.creditor },
    accountingCodes: Object.entries(row.accounting_codes)
      .map(([what, code]) => `${what} = ${code}`)
      .join('\n'),
  };
}
