import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { seedDemo } from '../../seed/demo.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/guichet.js');
const dir = mkdtempSync(path.join(tmpdir(), 'seal-cli-'));
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  const document = await PDFDocument.create();
  document.addPage();
  writeFileSync(path.join(dir, 'in.pdf'), await document.save());
});
afterAll(() => database.drop());

function guichet(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, GUICHET_DEMO: 'true', DATABASE_URL: database.url, LOG_LEVEL: 'warn', TSA_URL: '' },
    encoding: 'utf8',
    cwd: dir,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

// Each case starts the real CLI (a few seconds through tsx on a busy machine).
describe('guichet seal', { timeout: 90_000 }, () => {
  it('seals a PDF with the authority’s seal (its own TSA in the demo), then verifies it', () => {
    const signed = guichet('seal', 'sign', '--authority', 'valais', 'in.pdf', 'out.pdf');
    expect(signed.err).toBe('');
    expect(signed.code).toBe(0);
    const verified = guichet('seal', 'verify', 'out.pdf');
    expect(verified.code).toBe(0);
    const verdict = JSON.parse(verified.out);
    expect(verdict).toMatchObject({ status: 'valid', coversWholeDocument: true });
    expect(new Date(verdict.timestampedAt).getTime()).toBeGreaterThan(Date.now() - 120_000);
  });

  it('exits 1 with the verdict of a changed or unsealed file', () => {
    const sealed = readFileSync(path.join(dir, 'out.pdf'));
    const at = sealed.indexOf('/MediaBox') + 12;
    sealed[at] = (sealed[at] ?? 0) ^ 0x01;
    writeFileSync(path.join(dir, 'changed.pdf'), sealed);
    const changed = guichet('seal', 'verify', 'changed.pdf');
    expect(changed.code).toBe(1);
    expect(JSON.parse(changed.out)).toMatchObject({ status: 'altered' });
    const unsealed = guichet('seal', 'verify', 'in.pdf');
    expect(unsealed.code).toBe(1);
    expect(JSON.parse(unsealed.out)).toEqual({ status: 'no-seal', coversWholeDocument: false });
  });
});
