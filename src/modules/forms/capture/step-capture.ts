import type { MasterKey } from '../../../platform/crypto/master-keys.ts';
import type { Db } from '../../../platform/database/database.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { captureMessages } from '../capture-messages.ts';
import type { FormStep } from '../definition.ts';
import { type CaptureView, defaults } from '../fields/document/document-kinds.ts';
import { pageAction } from '../fields/document/page-list.tsx';
import type { Field } from '../fields/registry.ts';
import type { Answers, FieldProblem } from '../validate.ts';
import { makeDocument } from './capture-documents.ts';
import { deletePage, listPages, movePage } from './capture-pages.ts';
import { hasOpenCapture, openCapture } from './capture-tokens.ts';
import { attachDocument, documentName } from './step-files.ts';

type DocumentField = Extract<Field, { type: 'document' }>;

/** A phone link just opened: shown once, since only its hashes are kept. */
export interface PhoneLink {
  fieldId: string;
  link: string;
  codeUrl: string;
  code: string;
  qrSvg: string;
}

const documentFieldsOf = (step: FormStep) =>
  step.fields.filter((f): f is DocumentField => f.type === 'document');

/**
 * A capture button of a document field on the computer (reorder or delete a page, make the document,
 * add pages, continue on the phone): done, and the step is shown again (`handled`). Going on or saving
 * makes the pages left waiting into their document first, so that none is lost.
 */
export async function applyCaptureAction(
  db: Db,
  keys: MasterKey[],
  input: {
    draftId: string;
    step: FormStep;
    action: string;
    answers: Answers;
    locale: Locale;
    publicUrl: string;
  },
): Promise<{ handled: boolean; problems: FieldProblem[]; phone?: PhoneLink }> {
  const { draftId, step, action, answers, locale } = input;
  const problems: FieldProblem[] = [];
  const make = async (field: DocumentField) => {
    const maxPages = field.maxPages ?? defaults.maxPages;
    const made = await makeDocument(
      db,
      keys,
      { draftId, fieldId: field.id, captureId: null },
      { name: documentName(field, locale), maxPages },
    );
    if (made === 'tooManyPages')
      problems.push({
        field: field.id,
        problem: 'tooManyPages',
        message: captureMessages.translator(locale)('tooManyPages', { pages: maxPages }),
      });
    else if (made !== 'noPages') attachDocument(field, answers, made);
  };
  for (const field of documentFieldsOf(step)) {
    const scope = { draftId, fieldId: field.id, captureId: null };
    const onPage = pageAction(action, field.id);
    if (onPage) {
      if (onPage.verb === 'delete') await deletePage(db, scope, onPage.pageId);
      else await movePage(db, scope, onPage.pageId, onPage.verb);
      return { handled: true, problems };
    }
    if (action === `makeDocument:${field.id}`) {
      await make(field);
      return { handled: true, problems };
    }
    if (action === `addPages:${field.id}` || action.startsWith(`removeDocument:${field.id}:`))
      return { handled: true, problems };
    if (action === `phone:${field.id}`) {
      const { token, code } = await openCapture(db, draftId, field.id);
      const link = `${input.publicUrl}/scan/${token}`;
      const { default: QRCode } = await import('qrcode'); // loaded at the first QR code, not at every start
      const qrSvg = await QRCode.toString(link, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 4,
        width: 192,
      });
      return {
        handled: true,
        problems,
        phone: { fieldId: field.id, link, codeUrl: `${input.publicUrl}/scan`, code, qrSvg },
      };
    }
  }
  if (action === 'next' || action === 'save') for (const field of documentFieldsOf(step)) await make(field);
  return { handled: false, problems };
}

/** What each document field of the step shows besides its answer: pages waiting, the phone link. */
export async function capturesOf(
  db: Db,
  input: { draftId: string; draftPath: string; step: FormStep; phone?: PhoneLink },
): Promise<Record<string, CaptureView>> {
  const views: Record<string, CaptureView> = {};
  for (const field of documentFieldsOf(input.step)) {
    const phone = input.phone?.fieldId === field.id ? input.phone : undefined;
    views[field.id] = {
      draftPath: input.draftPath,
      reloadHref: `${input.draftPath}?step=${input.step.id}`,
      pages: await listPages(db, { draftId: input.draftId, fieldId: field.id, captureId: null }),
      phone: phone && { link: phone.link, codeUrl: phone.codeUrl, code: phone.code, qrSvg: phone.qrSvg },
      waiting: await hasOpenCapture(db, input.draftId, field.id),
    };
  }
  return views;
}
