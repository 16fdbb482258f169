import type { Selectable } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';

export type DocumentKind = 'assessment' | 'invoice' | 'provisional_invoice' | 'certificate';

/** The tax system's own tables (see its migration). */
export interface TaxSystemTables {
  simulator_tax_settings: {
    id: number;
    api_key: string;
    form_id: string;
    guichet_url: string | null;
    endpoint_id: string | null;
    webhook_secret: string | null;
  };
  simulator_tax_taxpayers: {
    key: string;
    kind: 'person' | 'company';
    name: string;
    language: 'fr' | 'de';
    street: string;
    postcode: string;
    town: string;
  };
  simulator_tax_documents: {
    id: string;
    taxpayer_key: string;
    tax_year: number;
    kind: DocumentKind;
    issued_on: string;
    amount_cents: number;
  };
  simulator_tax_accounts: {
    taxpayer_key: string;
    period: number;
    tax_type: string;
    final: boolean;
    assessed_cents: number | null;
    invoiced_cents: number;
    paid_cents: number;
    instalments: number;
    instalments_paid: number;
    reminders: number;
    due_on: string;
    invoice_number: string;
    qr_reference: string;
  };
  simulator_tax_older_requests: {
    request_id: string;
    taxpayer_key: string;
    years: number[];
    received_at: Date;
    publish_after: Date;
    published_at: Date | null;
  };
}
export type Taxpayer = Selectable<TaxSystemTables['simulator_tax_taxpayers']>;
export type TaxDocument = Selectable<TaxSystemTables['simulator_tax_documents']>;
export type AccountEntry = Selectable<TaxSystemTables['simulator_tax_accounts']>;

export const taxSystem = (db: Db) => tablesOf<TaxSystemTables>(db);

export const settingsOf = (db: Db) =>
  taxSystem(db).selectFrom('simulator_tax_settings').selectAll().where('id', '=', 1).executeTakeFirst();

/** A taxpayer by AVS number (digits) or UID (`CHE` and digits), however it is written. */
export const taxpayerKey = (raw: string) => raw.toUpperCase().replace(/[^A-Z0-9]/g, '');

export const taxpayerOf = (db: Db, key: string) =>
  taxSystem(db)
    .selectFrom('simulator_tax_taxpayers')
    .selectAll()
    .where('key', '=', taxpayerKey(key))
    .executeTakeFirst();

export const documentsOf = (db: Db, key: string, years: { from: number; to: number }) =>
  taxSystem(db)
    .selectFrom('simulator_tax_documents')
    .selectAll()
    .where('taxpayer_key', '=', key)
    .where('tax_year', '>=', years.from)
    .where('tax_year', '<=', years.to)
    .orderBy('tax_year', 'desc')
    .orderBy('issued_on', 'desc')
    .execute();

export const documentOf = (db: Db, key: string, id: string) =>
  taxSystem(db)
    .selectFrom('simulator_tax_documents')
    .selectAll()
    .where('taxpayer_key', '=', key)
    .where('id', '=', id)
    .executeTakeFirst();

export const accountOf = (db: Db, key: string) =>
  taxSystem(db)
    .selectFrom('simulator_tax_accounts')
    .selectAll()
    .where('taxpayer_key', '=', key)
    .orderBy('period', 'desc')
    .orderBy('tax_type')
    .execute();
