import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Libraries a start never uses: each loads at its first use (spreadsheets, PDFs, passkeys, …). */
const heavy = [
  'exceljs',
  'pdf-lib',
  '@signpdf/signpdf',
  'pdfkit',
  'swissqrbill',
  'qrcode',
  '@simplewebauthn/server',
  'oidc-provider',
  'sharp',
  'jsqr',
  'file-type',
  'fast-xml-parser',
  'nodemailer',
  'web-push',
];

// Every package whose modules the application's import loads, as the running CLI does (tsx, Node 24).
const listPackages = `
import module from 'node:module';
const packages = new Set();
module.registerHooks({
  load(url, context, next) {
    const found = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(url);
    if (found) packages.add(found[1]);
    return next(url, context);
  },
});
const { register } = await import('tsx/esm/api');
register();
await import('./src/runtime/commands.ts');
process.stdout.write(JSON.stringify([...packages]));
process.exit(0);
`;

describe('loading the application (cold start, issue 20)', () => {
  it('brings none of the heavy libraries a start does not use', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '--eval', listPackages],
      { cwd: root, maxBuffer: 1 << 20 },
    );
    const loaded: string[] = JSON.parse(stdout);
    expect(loaded).toContain('kysely'); // the list is real
    expect(heavy.filter((name) => loaded.includes(name))).toEqual([]);
  }, 60_000);
});
