import { auditedTx } from '../../../platform/audit/audit.ts';
import type { Db } from '../../../platform/database/database.ts';
import { tablesOf } from '../../../platform/database/database.ts';
import type { AssuranceLevel } from '../../../platform/http/assurance-level.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { enqueue } from '../../../platform/jobs/enqueue.ts';
import type { Platform } from '../../../platform/module.ts';
import { getAuthorityById } from '../../authorities/index.ts';
import {
  type DocumentCategory,
  type DocumentRow,
  type DocumentVault,
  publishDocument,
  vaultOf,
} from '../../documents/index.ts';
import type { MandateTheme } from '../../mandates/index.ts';
import type { SealContext } from '../context.ts';
import { credentialClaims } from '../credentials/credential-claims.ts';
import { offerWalletCredentialLater } from '../credentials/wallet-credentials.ts';
import { documentContentHash, encodeGuichetQr } from '../qr/index.ts';
import { currentSealKey } from '../seal-keys.ts';
import type { IssuedContent, IssuedSubject, IssuedType, OwnLayout, VerifierFields } from './content.ts';
import { renderIssuedPdf } from './render.ts';
import { newSerial } from './serial.ts';
import type { IssuingTables } from './tables.ts';

/** What a module asks to issue: the document's words (in `language`), who gets it, and where it comes from. */
export interface Issuance {
  type: IssuedType;
  authorityId: string;
  accountId: string;
  subject: IssuedSubject;
  language: Locale;
  content: IssuedContent;
  /** The few printed fields a verifier compares with the paper; signed in the QR code. Keep them short. */
  verifierFields: VerifierFields;
  validUntil?: Date | null;
  requestId?: string | null;
  requestReference?: string;
  category: DocumentCategory;
  theme?: MandateTheme | null;
  filename: string;
  /** The issuer's key for this document: the same key again returns the first one, issued once. */
  idempotencyKey: string;
  issuedBy: string;
  /** False when another notification tells of it already (a receipt: the request's own). */
  announce?: boolean;
  /**
   * A layout of the issuing module's own instead of Guichet's letter layout (e.g. a QR-bill), already
   * drawn (`pdf`) and drawn again from `data` when sealed; it carries no verification QR code (a
   * QR-bill's code is for the bank). `content.title` still names it.
   */
  ownLayout?: OwnLayout & { pdf: Buffer };
  /** The level of assurance a session needs to open it (a receipt: its service's); low when absent. */
  level?: AssuranceLevel;
}

/** What issuing needs: sealing's context (database, configuration) and the document space. */
export interface IssuingContext extends SealContext {
  vault: DocumentVault;
}

/**
 * The one way Guichet issues a document (a decision, a letter, a receipt, an extract, a QR-bill):
 * it takes a serial number, signs the QR code with the authority's seal key, lays the PDF out,
 * publishes it into the account's documents and records it in the issuance register — all in the
 * caller's transaction (`tx`), so the document exists exactly when the act that issues it does.
 * The PAdES seal and its timestamp come from a job (`signing:seal-issued`) moments later; until then
 * the document is listed but not handed out.
 */
export async function issueDocument(
  context: IssuingContext,
  issuance: Issuance,
  tx: Db,
  now = new Date(),
): Promise<{ document: DocumentRow; serial: string }> {
  const authority = await getAuthorityById(tx, issuance.authorityId);
  if (!authority) throw new Error(`No authority ${issuance.authorityId} to issue a document`);
  const serial = newSerial(now);
  const validUntil = issuance.validUntil ?? null;
  const fields = Object.fromEntries(
    Object.entries(issuance.verifierFields).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const contentSha256 = documentContentHash({ type: issuance.type, serial, fields });
  const key = await currentSealKey({ ...context, db: tx }, authority.id);
  const qrPayload = await encodeGuichetQr({
    claims: {
      iss: authority.slug,
      iat: now,
      ...(validUntil ? { exp: validUntil } : {}),
      type: issuance.type,
      serial,
      fields,
      sha256: contentSha256,
    },
    kid: key.kid,
    sign: key.sign,
  });
  const layout = {
    authority,
    language: issuance.language,
    type: issuance.type,
    serial,
    issuedAt: now,
    validUntil,
    content: issuance.content,
    qrPayload,
    verifyUrl: verifyUrlOf(context),
  };
  const { document, created } = await publishDocument(
    context.vault,
    {
      accountId: issuance.accountId,
      authorityId: issuance.authorityId,
      title: issuance.content.title.slice(0, 200),
      category: issuance.category,
      theme: issuance.theme ?? null,
      message: null,
      requestId: issuance.requestId ?? null,
      ...(issuance.requestReference ? { requestReference: issuance.requestReference } : {}),
      filename: issuance.filename,
      bytes: issuance.ownLayout?.pdf ?? (await renderIssuedPdf(layout)),
      idempotencyKey: issuance.idempotencyKey,
      publishedBy: issuance.issuedBy,
      awaitingSeal: true,
      ...(issuance.announce === false ? { announce: false } : {}),
      ...(issuance.level ? { level: issuance.level } : {}),
    },
    now,
    tx,
  );
  if (!created) {
    const first = await tablesOf<IssuingTables>(tx)
      .selectFrom('issued_documents')
      .select('serial')
      .where('document_id', '=', document.id)
      .executeTakeFirst();
    if (first) return { document, serial: first.serial };
  }
  const issued = await auditedTx(
    tx,
    (row: { id: string }) => ({
      actor: issuance.issuedBy,
      action: 'document.issue',
      subjectType: 'issued-document',
      subjectId: row.id,
      authorityId: issuance.authorityId,
      details: { serial, type: issuance.type, documentId: document.id },
    }),
    (tx) =>
      tablesOf<IssuingTables>(tx)
        .insertInto('issued_documents')
        .values({
          serial,
          type: issuance.type,
          authority_id: issuance.authorityId,
          account_id: issuance.accountId,
          subject_kind: issuance.subject.kind,
          subject_name: issuance.subject.name,
          language: issuance.language,
          content: JSON.stringify(issuance.content) as unknown as IssuedContent,
          qr_payload: qrPayload,
          content_sha256: Buffer.from(contentSha256).toString('hex'),
          sha256: null,
          issued_at: now,
          valid_until: validUntil,
          sealed_at: null,
          revoked_at: null,
          revocation_reason: null,
          revoked_by: null,
          request_id: issuance.requestId ?? null,
          document_id: document.id,
          layout: issuance.ownLayout
            ? (JSON.stringify({
                kind: issuance.ownLayout.kind,
                data: issuance.ownLayout.data,
              }) as unknown as OwnLayout)
            : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
  );
  await enqueue(tx, 'signing:seal-issued', { issuedId: issued.id });
  await offerWalletCredentialLater(tx, {
    issuedId: issued.id,
    authorityId: issuance.authorityId,
    accountId: issuance.accountId,
    type: issuance.type,
    issuedBy: issuance.issuedBy,
    subjectData: credentialClaims(issuance, { serial, issuer: authority.slug, issuedAt: now, fields }),
  });
  return { document, serial };
}

/** The public verification page, printed on every document under its QR code. */
export const verifyUrlOf = (context: SealContext) => `${context.config.publicUrl}/verify`;

/** The issuing context of a running platform. */
export const issuingContextOf = async (platform: Platform): Promise<IssuingContext> => ({
  db: platform.db,
  config: platform.config,
  vault: await vaultOf(platform),
});
