import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { outsideDemo } from '../support/spawn-guichet.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** Writes a suite's figures to test-results/reliability/<suite>.json (git-ignored), for the report. */
export async function writeFigures(suite: string, figures: Record<string, unknown>): Promise<void> {
  const folder = path.join(root, 'test-results/reliability');
  await mkdir(folder, { recursive: true });
  await writeFile(
    path.join(folder, `${suite}.json`),
    `${JSON.stringify({ suite, at: new Date().toISOString(), ...figures }, null, 2)}\n`,
  );
}

/** Runs a one-shot `guichet` command as its own process; resolves with its exit code and output. */
export function runGuichet(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { DATABASE_URL: _inherited, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'bin/guichet.js'), ...args],
      { env: { ...inherited, LOG_LEVEL: 'warn', ...outsideDemo, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
