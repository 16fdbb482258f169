import PDFDocument from 'pdfkit';
import type { Db } from '../../platform/database/database.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { type Locale, type LocalisedText, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { getAccount } from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { publishDocument, vaultOf } from '../documents/index.ts';
import { getPerson } from '../identity/index.ts';
import type { Case } from './cases.ts';
import { getCaseForJob } from './get-case.ts';
import { workflowFor } from './workflow-store.ts';

export interface LetterTemplate {
  title: LocalisedText;
  text: LocalisedText;
}

function pdf(authority: string, title: string, text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Author: authority } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(authority);
  doc.moveDown(2).font('Helvetica-Bold').fontSize(16).fillColor('#000').text(title);
  doc.moveDown().font('Helvetica').fontSize(11).text(text);
  doc.end();
  return done;
}

/**
 * A letter filled in for the request's requester, as a PDF, in the language they read if the letter
 * is written in it, else in the authority's first. Placeholders: {reference}, {request}, {requester},
 * {date}, {submitted}, and whatever `more` gives in that language (e.g. {outcome}).
 *
 * @example await letterPdf(db, item, { title: { fr: 'Décision' }, text: { fr: 'Bonjour {requester}' } })
 */
export async function letterPdf(
  db: Db,
  item: Case,
  letter: LetterTemplate,
  more: (locale: Locale) => Record<string, string> = () => ({}),
): Promise<{ title: string; bytes: Buffer }> {
  const authority = await getAuthorityById(db, item.authority_id);
  const account = await getAccount(db, item.account_id);
  const requester = await getPerson(db, item.person_id);
  const fallbacks = authority?.languages ?? [];
  const locale =
    [requester?.preferred_language, ...fallbacks].find(
      (l): l is Locale => (l === 'fr' || l === 'de' || l === 'en') && Boolean(letter.text[l]),
    ) ?? 'fr';
  const values: Record<string, string> = {
    reference: item.reference,
    request: pick(item.title, locale),
    requester: account?.name ?? '',
    date: formatDate(locale, new Date()),
    submitted: formatDate(locale, item.created_at),
    ...more(locale),
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const title = fill(pick(letter.title, locale)).slice(0, 200);
  const bytes = await pdf(
    authority ? pick(authority.names, locale) : '',
    title,
    fill(pick(letter.text, locale)),
  );
  return { title, bytes };
}

/**
 * The letter a status asks for, filled in and placed in the requester's documents, linked to the
 * request; the event id makes a retried job publish it once.
 */
export async function generateLetter(
  platform: Platform,
  job: { caseId: string; status: string; eventId: string },
) {
  const item = await getCaseForJob(platform.db, job.caseId);
  if (!item) return;
  const letter = (await workflowFor(platform.db, item.form_id)).statuses[job.status]?.letter;
  if (!letter) return;
  const { title, bytes } = await letterPdf(platform.db, item, letter);
  await publishDocument(await vaultOf(platform), {
    accountId: item.account_id,
    authorityId: item.authority_id,
    title,
    category: 'correspondence',
    theme: null,
    message: null,
    requestId: item.id,
    requestReference: item.reference,
    filename: `${item.reference}-${job.status}.pdf`,
    bytes,
    idempotencyKey: `letter:${job.eventId}`,
    publishedBy: 'system',
  });
}
