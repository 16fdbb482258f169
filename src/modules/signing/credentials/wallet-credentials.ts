import { type RawBuilder, sql } from 'kysely';
import { audited, auditedTx } from '../../../platform/audit/audit.ts';
import type { SwiyuConfig } from '../../../platform/config/config.ts';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import { enqueue } from '../../../platform/jobs/enqueue.ts';
import type { IssuingTables } from '../issuing/tables.ts';
import { swiyuIssuer } from './swiyu-issuer-client.ts';
import type { WalletCredentialTables } from './tables.ts';

const tables = (db: Db) => tablesOf<WalletCredentialTables & IssuingTables>(db);

/**
 * An authority issues a type of document also into the e-ID wallet, as the given credential type of
 * its swiyu-issuer (configured there in `credential_configurations_supported`). Audited.
 */
export async function enableWalletCredential(
  db: Db,
  setting: { authorityId: string; issuedType: string; configurationId: string; actor: string },
): Promise<void> {
  await audited(
    db,
    {
      actor: setting.actor,
      action: 'wallet-credential.enable',
      subjectType: 'authority',
      subjectId: setting.authorityId,
      authorityId: setting.authorityId,
      details: { issuedType: setting.issuedType, configurationId: setting.configurationId },
    },
    (tx) =>
      tables(tx)
        .insertInto('wallet_credential_types')
        .values({
          authority_id: setting.authorityId,
          issued_type: setting.issuedType,
          configuration_id: setting.configurationId,
        })
        .onConflict((oc) =>
          oc
            .columns(['authority_id', 'issued_type'])
            .doUpdateSet({ configuration_id: setting.configurationId }),
        )
        .execute(),
  );
}

/**
 * The hook every issuance passes through (`issueDocument`, in its transaction): when the authority
 * issues this type into the wallet, the credential is recorded and a job asks the issuer for its offer.
 */
export async function offerWalletCredentialLater(
  tx: Db,
  issued: {
    issuedId: string;
    authorityId: string;
    accountId: string;
    type: string;
    subjectData: Record<string, string>;
    issuedBy: string;
  },
): Promise<void> {
  const setting = await tables(tx)
    .selectFrom('wallet_credential_types')
    .select('configuration_id')
    .where('authority_id', '=', issued.authorityId)
    .where('issued_type', '=', issued.type)
    .executeTakeFirst();
  if (!setting) return;
  const credential = await auditedTx(
    tx,
    (row: { id: string }) => ({
      actor: issued.issuedBy,
      action: 'wallet-credential.record',
      subjectType: 'issued-document',
      subjectId: issued.issuedId,
      authorityId: issued.authorityId,
      details: { credentialId: row.id, configurationId: setting.configuration_id },
    }),
    (tx) =>
      tables(tx)
        .insertInto('wallet_credentials')
        .values({
          issued_id: issued.issuedId,
          account_id: issued.accountId,
          configuration_id: setting.configuration_id,
          subject_data: JSON.stringify(issued.subjectData) as unknown as Record<string, string>,
          state: 'pending',
          management_id: null,
          offer_deeplink: null,
          revoked_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
  );
  await enqueue(tx, 'signing:offer-credential', { credentialId: credential.id });
}

/** The job: asks the swiyu-issuer for the offer and keeps its deep link; a revoked document gets none. */
export async function offerWalletCredential(
  db: Db,
  config: SwiyuConfig['issuer'],
  credentialId: string,
): Promise<void> {
  if (!config) throw new Error('SWIYU_ISSUER_URL is not set: wallet credentials cannot be offered');
  const credential = await tables(db)
    .selectFrom('wallet_credentials')
    .innerJoin('issued_documents', 'issued_documents.id', 'wallet_credentials.issued_id')
    .select([
      'wallet_credentials.state',
      'wallet_credentials.configuration_id',
      'wallet_credentials.subject_data',
      'issued_documents.valid_until',
      'issued_documents.revoked_at',
      'issued_documents.authority_id',
    ])
    .where('wallet_credentials.id', '=', credentialId)
    .executeTakeFirst();
  if (credential?.state !== 'pending' || credential.revoked_at) return;
  const offer = await swiyuIssuer(config).offer({
    configurationId: credential.configuration_id,
    subjectData: credential.subject_data,
    validUntil: credential.valid_until,
  });
  await audited(
    db,
    {
      actor: 'system:signing',
      action: 'wallet-credential.offer',
      subjectType: 'wallet-credential',
      subjectId: credentialId,
      authorityId: credential.authority_id,
      details: { managementId: offer.managementId },
    },
    (tx) =>
      tables(tx)
        .updateTable('wallet_credentials')
        .set({ state: 'offered', management_id: offer.managementId, offer_deeplink: offer.offerDeeplink })
        .where('id', '=', credentialId)
        .where('state', '=', 'pending')
        .execute(),
  );
}

/** Called in the audited revocation of the document: its credential is revoked at the issuer by a job. */
export async function revokeWalletCredentialLater(tx: Db, issuedId: string): Promise<void> {
  const credential = await tables(tx)
    .selectFrom('wallet_credentials')
    .select('id')
    .where('issued_id', '=', issuedId)
    .executeTakeFirst();
  if (credential) await enqueue(tx, 'signing:revoke-credential', { credentialId: credential.id });
}

/** The job: sets the credential's status REVOKED at the issuer, which flips its entry in the status list. */
export async function revokeWalletCredential(
  db: Db,
  config: SwiyuConfig['issuer'],
  credentialId: string,
  now: Date,
): Promise<void> {
  const credential = await tables(db)
    .selectFrom('wallet_credentials')
    .select(['state', 'management_id'])
    .where('id', '=', credentialId)
    .executeTakeFirst();
  if (!credential || credential.state === 'revoked') return;
  // Not offered yet: nothing exists at the issuer, and the offer job will see the revoked document.
  if (credential.management_id) {
    if (!config) throw new Error('SWIYU_ISSUER_URL is not set: the wallet credential cannot be revoked');
    await swiyuIssuer(config).revoke(credential.management_id);
  }
  await audited(
    db,
    {
      actor: 'system:signing',
      action: 'wallet-credential.revoke',
      subjectType: 'wallet-credential',
      subjectId: credentialId,
      details: { managementId: credential.management_id },
    },
    (tx) =>
      tables(tx)
        .updateTable('wallet_credentials')
        .set({ state: 'revoked', revoked_at: now })
        .where('id', '=', credentialId)
        .execute(),
  );
}

export interface WalletCredential {
  id: string;
  title: string;
  serial: string;
  state: 'pending' | 'offered' | 'revoked';
  offerDeeplink: string | null;
  documentId: string;
}

/** What "my space" shows of the wallet credentials: the latest few, and how many there are in all. */
export type WalletCredentialsSummary = { credentials: WalletCredential[]; total: number };

/** How many wallet credentials "my space" shows; the others are on the page it links to. */
const walletCredentialsShown = 10;

/**
 * The ten latest wallet credentials of an account's issued documents and the count of all of them (a
 * window count, taken before the limit) as one JSON object, for "my space" to read with the other
 * sections' in one statement.
 */
export function walletCredentialsSummary(accountId: string): RawBuilder<WalletCredentialsSummary> {
  return sql<WalletCredentialsSummary>`select json_build_object('credentials', coalesce(json_agg(json_build_object(
      'id', w.id, 'title', i.content->>'title', 'serial', i.serial,
      'state', case when i.revoked_at is not null then 'revoked' else w.state end,
      'offerDeeplink', w.offer_deeplink, 'documentId', i.document_id) order by w.created_at desc, w.id desc), '[]'),
      'total', coalesce(max(w.total), 0))
    from (select id, state, offer_deeplink, issued_id, created_at, count(*) over () as total
      from wallet_credentials where account_id = ${accountId}
      order by created_at desc, id desc limit ${sql.lit(walletCredentialsShown)}) w
    join issued_documents i on i.id = w.issued_id`;
}

/** The wallet credentials of an account's issued documents, newest first. */
export async function listWalletCredentials(db: Db, accountId: string): Promise<WalletCredential[]> {
  const rows = await tables(db)
    .selectFrom('wallet_credentials')
    .innerJoin('issued_documents', 'issued_documents.id', 'wallet_credentials.issued_id')
    .select([
      'wallet_credentials.id',
      'wallet_credentials.state',
      'wallet_credentials.offer_deeplink',
      'issued_documents.serial',
      'issued_documents.content',
      'issued_documents.document_id',
      'issued_documents.revoked_at',
    ])
    .where('wallet_credentials.account_id', '=', accountId)
    .orderBy('wallet_credentials.created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.content.title,
    serial: row.serial,
    state: row.revoked_at ? 'revoked' : row.state,
    offerDeeplink: row.offer_deeplink,
    documentId: row.document_id,
  }));
}
