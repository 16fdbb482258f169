import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { currentSealKey, rotateSealKey, sealPdf, validateSeal, verificationKeys } from './index.ts';

let app: Awaited<ReturnType<typeof serveTestApp>>;
let authorityId: string;
const dir = mkdtempSync(path.join(tmpdir(), 'seal-'));

async function aPdf(text = 'Extrait du registre des poursuites'): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage();
  page.drawText(text, { x: 50, y: 700, font: await document.embedFont(StandardFonts.Helvetica), size: 14 });
  return document.save();
}

function pdfsig(pdf: Uint8Array): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const run = spawnSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
  return run.stdout + run.stderr;
}

beforeAll(async () => {
  app = await serveTestApp();
  authorityId = (await getAuthorityBySlug(app.database.db, 'valais'))?.id ?? '';
});
afterAll(() => app?.close());

const context = () => ({ db: app.database.db, config: app.config });

describe('the seal (PAdES baseline B-T)', () => {
  it('is valid for pdfsig, covers the whole document and validates', async () => {
    const started = performance.now();
    const sealed = await sealPdf(context(), { authorityId, pdf: await aPdf() });
    const report = pdfsig(sealed);
    expect(report).toContain('Signature is Valid');
    expect(report).toContain('Total document signed');
    expect(report).toContain('ETSI.CAdES.detached');
    const verdict = await validateSeal(app.database.db, sealed);
    expect(verdict).toMatchObject({ status: 'valid', authorityId, coversWholeDocument: true });
    expect(verdict.timestampedAt?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
