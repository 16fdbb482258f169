import PDFDocument from 'pdfkit';
import { formatDate } from '../../platform/i18n/format.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { getAccount } from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { publishDocument, vaultOf } from '../documents/index.ts';
import { getPerson } from '../identity/index.ts';
import { getCaseForJob } from './get-case.ts';
import { workflowFor } from './workflow-store.ts';

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
  const authority = await getAuthorityById(platform.db, item.authority_id);
  const account = await getAccount(platform.db, item.account_id);
  // In the language the requester reads, if the designer wrote it; else the authority's first.
  const requester = await getPerson(platform.db, item.person_id);
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
  };
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  const title = fill(pick(letter.title, locale)).slice(0, 200);
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
    bytes: await pdf(authority ? pick(authority.names, locale) : '', title, fill(pick(letter.text, locale))),
    idempotencyKey: `letter:${job.eventId}`,
    publishedBy: 'system',
  });
}
