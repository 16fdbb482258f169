import PDFDocument from 'pdfkit';
import { assuranceLevelName } from '../../platform/http/assurance-level.ts';
import { colon, formatDateTime } from '../../platform/i18n/format.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { FormDefinition } from './definition.ts';
import { displayValue } from './display.ts';
import type { Submission } from './drafts.ts';
import { kindOf } from './fields/registry.ts';
import { formMessages } from './messages.ts';

/** The PDF receipt of a submission: what was sent, when, for which account, at which level of assurance. */
export function receiptPdf(
  definition: FormDefinition,
  submission: Submission,
  context: { locale: Locale; accountName: string; authorityName: string },
): Promise<Buffer> {
  const t = formMessages.translator(context.locale);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: pick(definition.title, context.locale), Author: context.authorityName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(context.authorityName);
  doc
    .moveDown()
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor('#000')
    .text(pick(definition.title, context.locale));
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  const c = colon(context.locale);
  doc.text(`${t('reference')}${c} ${submission.reference}`);
  doc.text(`${t('submittedOn')}${c} ${formatDateTime(context.locale, submission.submittedAt)}`);
  doc.text(`${t('actingAs')}${c} ${context.accountName}`);
  doc.text(`${t('level')}${c} ${assuranceLevelName(context.locale, submission.level)}`);
  for (const step of definition.steps) {
    const answered = step.fields.filter((f) => kindOf(f).hasValue && submission.answers[f.id] !== undefined);
    if (answered.length === 0) continue;
    doc.moveDown().font('Helvetica-Bold').fontSize(13).text(pick(step.title, context.locale));
    for (const field of answered) {
      doc.moveDown(0.3).font('Helvetica-Bold').fontSize(10).text(pick(field.label, context.locale));
      doc.font('Helvetica').text(displayValue(field, submission.answers[field.id], context.locale));
    }
  }
  doc.end();
  return done;
}
