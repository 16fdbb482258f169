import type { MasterKey } from '../../../platform/crypto/master-keys.ts';
import type { Db } from '../../../platform/database/database.ts';
import { type Locale, pick } from '../../../platform/i18n/locales.ts';
import {
  type AcceptedUpload,
  refusalMessage,
  safeFileName,
  type UploadKind,
  type UploadLimits,
  type UploadRefusal,
} from '../../../platform/uploads/index.ts';
import { captureMessages } from '../capture-messages.ts';
import type { FormStep } from '../definition.ts';
import { storeFile } from '../drafts.ts';
import { maxDocumentsOf } from '../fields/document/document-field.tsx';
import { type AttachedDocument, defaults, documentKinds } from '../fields/document/document-kinds.ts';
import type { FileType } from '../fields/file/file-field.tsx';
import type { Field } from '../fields/registry.ts';
import type { Answers, FieldProblem } from '../validate.ts';
import { addPage, countPages } from './capture-pages.ts';
import { countPagesInWorker, normaliseInWorker } from './image-thread.ts';

const fileKinds: Record<FileType, UploadKind> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
};
const fileDefaultMaxBytes = 20 * 1024 * 1024;
/**
 * Photos of a document's pages chosen at once: the upload path holds each file in memory until it is
 * checked, so this times the largest file is what one post may hold.
 */
const maxFilesPerStep = 10;

type UploadField = Extract<Field, { type: 'file' | 'document' }>;

const uploadFieldsOf = (step: FormStep) =>
  step.fields.filter((f): f is UploadField => f.type === 'file' || f.type === 'document');

const kindsOf = (field: UploadField): UploadKind[] =>
  field.type === 'document'
    ? (field.accept ?? documentKinds)
    : (field.accept ?? (Object.keys(fileKinds) as FileType[])).map((type) => fileKinds[type]);

const maxBytesOf = (field: UploadField) =>
  field.maxBytes ?? (field.type === 'document' ? defaults.maxBytes : fileDefaultMaxBytes);

/**
 * What the one upload path (`readUploads`) may take for a step: the kinds any of its file and document
 * fields accept, up to the largest of their limits; each field's own limits are checked after.
 */
export function uploadLimitsOf(step: FormStep): UploadLimits {
  const fields = uploadFieldsOf(step);
  return {
    accepted: [...new Set(fields.flatMap(kindsOf))],
    maxBytes: Math.max(0, ...fields.map(maxBytesOf)),
    maxFiles: fields.length === 0 ? 0 : maxFilesPerStep,
  };
}

/** The hard cap of a step's whole body: every file at its limit, and the text around them. */
export const maxStepBodyBytes = maxFilesPerStep * defaults.maxBytes + 1024 * 1024;

/** A refusal of the upload path as the step's problem, on the field it came in. */
export function refusalProblem(step: FormStep, refusal: UploadRefusal, locale: Locale): FieldProblem {
  const field = uploadFieldsOf(step).find((f) => f.id === refusal.field) ?? uploadFieldsOf(step)[0];
  return {
    field: field?.id ?? refusal.field ?? '',
    problem: 'fileType',
    message: refusalMessage(
      field ? { ...refusal, accepted: kindsOf(field), maxBytes: maxBytesOf(field) } : refusal,
      locale,
    ),
  };
}

/**
 * Stores the files that passed the upload path, field by field, within each field's own limits: a file
 * field's file in its answer; for a document field, a PDF as a document of its own and each photo as
 * a page (upright, A4-sized, in the worker thread) waiting to be made into one PDF.
 */
export async function storeStepFiles(
  db: Db,
  keys: MasterKey[],
  draftId: string,
  step: FormStep,
  files: AcceptedUpload[],
  answers: Answers,
  locale: Locale,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const refuse = (field: UploadField, refusal: UploadRefusal) =>
    problems.push({
      field: field.id,
      problem: 'fileType',
      message: refusalMessage({ ...refusal, accepted: kindsOf(field), maxBytes: maxBytesOf(field) }, locale),
    });
  for (const field of uploadFieldsOf(step)) {
    for (const file of files.filter((f) => f.field === field.id)) {
      if (!kindsOf(field).includes(file.kind)) refuse(field, { code: 'type-not-accepted' });
      else if (file.bytes.length > maxBytesOf(field)) refuse(field, { code: 'too-large' });
      // A file the scanner could not check yet is stored quarantined (`storeFile`), its scan job retried.
      else if (field.type === 'file') answers[field.id] = await storeFile(db, keys, draftId, file);
      else {
        const problem = await storeForDocument(db, keys, draftId, field, file, answers, locale);
        if (problem) problems.push(problem);
      }
    }
  }
  return problems;
}

async function storeForDocument(
  db: Db,
  keys: MasterKey[],
  draftId: string,
  field: Extract<Field, { type: 'document' }>,
  file: AcceptedUpload,
  answers: Answers,
  locale: Locale,
): Promise<FieldProblem | undefined> {
  const maxPages = field.maxPages ?? defaults.maxPages;
  const tooManyPages = {
    field: field.id,
    problem: 'tooManyPages' as const,
    message: captureMessages.translator(locale)('tooManyPages', { pages: maxPages }),
  };
  if (file.kind !== 'pdf') {
    // A photo is decoded at once to become a page: never before the scanner has seen it.
    if (file.scan === 'pending')
      return {
        field: field.id,
        problem: 'fileType',
        message: refusalMessage({ code: 'scanner-unavailable' }, locale),
      };
    const scope = { draftId, fieldId: field.id, captureId: null };
    if ((await countPages(db, scope)) >= maxPages) return tooManyPages;
    await addPage(db, keys, scope, await normaliseInWorker(file.bytes, field.grayscale === true));
    return undefined;
  }
  const pages = await countPagesInWorker(file.bytes);
  if (pages > maxPages) return tooManyPages;
  const stored = await storeFile(db, keys, draftId, file);
  attachDocument(field, answers, { ...stored, type: 'application/pdf', pages });
  return undefined;
}

/** Adds a document to a field's answer (in place of the one document when only one is allowed). */
export function attachDocument(
  field: Extract<Field, { type: 'document' }>,
  answers: Answers,
  document: AttachedDocument,
) {
  const documents = Array.isArray(answers[field.id]) ? (answers[field.id] as AttachedDocument[]) : [];
  answers[field.id] = maxDocumentsOf(field) === 1 ? [document] : [...documents, document];
}

/** The name of a document made of pages: the field's label, as a file name. */
export const documentName = (field: Field, locale: Locale) => safeFileName(pick(field.label, locale), 'pdf');
