import { parse } from 'csv-parse/sync';
import type { AcceptedUpload } from '../../platform/uploads/index.ts';
import { isMandateTheme } from '../mandates/index.ts';
import type { DocumentCategory } from './categories.ts';
import { checkPublication, type PublicationProblem } from './check-publication.ts';
import { type DocumentVault, publishDocument } from './documents.ts';
import type { RecipientQuery } from './recipients.ts';

/** More rows than one agent can check in the results table: such a file is refused whole. */
export const maxBatchRows = 1000;

export type BatchRowResult =
  | { row: number; title: string; outcome: 'published' | 'alreadyPublished' }
  | { row: number; title: string; outcome: 'refused'; problems: PublicationProblem[] };

/** A CSV cell naming the recipient: an AVS number (756…) or a UID (CHE…). */
export function recipientFromCell(cell: string): RecipientQuery | undefined {
  const compact = cell.replace(/[\s.-]/g, '').toUpperCase();
  if (/^756\d{10}$/.test(compact)) return { kind: 'avs', avs: compact };
  if (/^CHE\d{9}$/.test(compact)) return { kind: 'uid', uid: compact };
  return undefined;
}

/** The rows of the CSV, by lower-case header; none when it cannot be read. */
function readRows(csv: Buffer): Record<string, string>[] {
  try {
    return parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter: [',', ';'],
      bom: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch {
    return [];
  }
}

/** A column under its French, English or German header. */
const cell = (row: Record<string, string>, ...names: string[]) =>
  names.map((name) => row[name]).find((value) => value !== undefined) ?? '';

/**
 * Publishes one document per CSV row (recipient by AVS or UID, title, category, theme, file name),
 * each with its file among `files`. Rows are numbered from 1 after the header. Each row has its own
 * key under the batch's, so the same batch sent again publishes nothing twice.
 */
export async function publishBatch(
  vault: DocumentVault,
  batch: {
    csv: Buffer | undefined;
    batchKey: string;
    authorityId: string;
    publishedBy: string;
    /** As `readUploads` accepted them; a row names its file as it was sent. */
    files: readonly AcceptedUpload[];
  },
): Promise<{ csvInvalid: true } | { csvInvalid: false; rows: BatchRowResult[] }> {
  const rows = batch.csv ? readRows(batch.csv) : [];
  if (rows.length === 0 || rows.length > maxBatchRows) return { csvInvalid: true };
  const results: BatchRowResult[] = [];
  for (const [index, row] of rows.entries()) {
    const filename = cell(row, 'fichier', 'file', 'datei');
    const file = batch.files.find((f) => f.sentName === filename);
    const title = cell(row, 'titre', 'title', 'titel');
    const category = cell(row, 'categorie', 'category', 'kategorie');
    const checked = await checkPublication(vault.db, {
      recipient: recipientFromCell(cell(row, 'destinataire', 'recipient', 'empfaenger')),
      title,
      category,
      file,
    });
    if (!file) checked.problems.push({ field: 'files', problem: 'fileNotSent' });
    if (checked.problems.length > 0 || !checked.recipient || !file) {
      results.push({ row: index + 1, title, outcome: 'refused', problems: checked.problems });
      continue;
    }
    const theme = cell(row, 'theme', 'thema');
    const { created } = await publishDocument(vault, {
      accountId: checked.recipient.accountId,
      authorityId: batch.authorityId,
      title,
      category: category as DocumentCategory,
      theme: isMandateTheme(theme) ? theme : null,
      message: null,
      filename: file.name,
      bytes: file.bytes,
      quarantined: file.scan === 'pending',
      idempotencyKey: `${batch.batchKey}:${index}`,
      publishedBy: batch.publishedBy,
    });
    results.push({ row: index + 1, title, outcome: created ? 'published' : 'alreadyPublished' });
  }
  return { csvInvalid: false, rows: results };
}
