import { spawnSync } from 'node:child_process';

/** The text of a PDF as a reader sees it, extracted by poppler's `pdftotext` (poppler-utils). */
export function pdfText(pdf: Uint8Array): string {
  const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    encoding: 'utf8',
  });
  if (result.error)
    throw new Error(`pdftotext could not run (install poppler-utils): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}
