import { tablesOf } from '../../platform/database/database.ts';
import { type AssuranceLevel, assuranceLevelName } from '../../platform/http/assurance-level.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { getAccount } from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { getPerson } from '../identity/index.ts';
import { type IssuedContent, issueDocument, issuingContextOf } from '../signing/index.ts';
import type { FormDefinition } from './definition.ts';
import { displayValue } from './display.ts';
import { getSubmissionOfAccount, type Submission } from './drafts.ts';
import { kindOf } from './fields/registry.ts';
import { getForm, getVersion } from './forms.ts';
import { formMessages } from './messages.ts';
import type { FormsTables } from './tables.ts';

/** What a submission's receipt says: what was sent, when, for which account, at which level of assurance. */
export function receiptContent(
  definition: FormDefinition,
  submission: Submission,
  context: { locale: Locale; accountName: string },
): IssuedContent {
  const t = formMessages.translator(context.locale);
  return {
    // Not the service's own title: in the documents and the wallet it would pass for what was asked.
    title: t('receiptTitle', { form: pick(definition.title, context.locale) }),
    recipient: context.accountName,
    paragraphs: [],
    sections: [
      {
        fields: [
          { label: t('reference'), value: submission.reference },
          { label: t('submittedOn'), value: formatDateTime(context.locale, submission.submittedAt) },
          { label: t('actingAs'), value: context.accountName },
          { label: t('level'), value: assuranceLevelName(context.locale, submission.level) },
        ],
      },
      ...definition.steps.flatMap((step) => {
        const answered = step.fields.filter(
          (f) => kindOf(f).hasValue && submission.answers[f.id] !== undefined,
        );
        return answered.length === 0
          ? []
          : [
              {
                heading: pick(step.title, context.locale),
                fields: answered.map((field) => ({
                  label: pick(field.label, context.locale),
                  value: displayValue(field, submission.answers[field.id], context.locale),
                })),
              },
            ];
      }),
    ],
  };
}

/**
 * Issues a submission's receipt into the account's documents (sealed, with its QR code), in the
 * language of the person who sent it; a retried job issues it once. `levelOf`: the level of assurance
 * the form's service asks (the catalogue's, above this module), which opening the receipt asks too.
 */
export async function issueReceipt(
  platform: Platform,
  job: { submissionId: string; accountId: string },
  levelOf: (formId: string) => Promise<AssuranceLevel>,
) {
  const { db } = platform;
  const submission = await getSubmissionOfAccount(db, job.accountId, job.submissionId);
  if (!submission || submission.receiptDocumentId) return;
  const form = await getForm(db, submission.formId);
  const version = form && (await getVersion(db, form, submission.version));
  const authority = form && (await getAuthorityById(db, form.authorityId));
  const account = await getAccount(db, submission.accountId);
  if (!form || !version || !authority || !account) return;
  const sender = await getPerson(db, submission.personId);
  const locale =
    [sender?.preferred_language, ...authority.languages].find(
      (l): l is Locale => l === 'fr' || l === 'de' || l === 'en',
    ) ?? 'fr';
  const [context, level] = await Promise.all([issuingContextOf(platform), levelOf(submission.formId)]);
  await db.transaction().execute(async (tx) => {
    const { document } = await issueDocument(
      context,
      {
        type: 'receipt',
        authorityId: authority.id,
        accountId: account.id,
        subject: { kind: account.kind === 'professional' ? 'organisation' : 'person', name: account.name },
        language: locale,
        content: receiptContent(version.definition, submission, { locale, accountName: account.name }),
        verifierFields: { n: account.name, r: submission.reference },
        category: 'correspondence',
        filename: `receipt-${submission.reference}.pdf`,
        idempotencyKey: `receipt:${submission.id}`,
        issuedBy: 'system',
        // The request's notifications tell of it: the receipt itself needs no message of its own.
        announce: false,
        // What was sent at the service's level is read at that level, here as on the request's page.
        level,
      },
      tx,
    );
    await tablesOf<FormsTables>(tx)
      .updateTable('form_submissions')
      .set({ receipt_document_id: document.id })
      .where('id', '=', submission.id)
      .execute();
  });
}
