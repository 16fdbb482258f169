// Cold start of `npm start` on an empty data folder: embedded PostgreSQL initialised, migrated, the demo
// seeded, the demo applications connected, until the server says it is running; then the resident memory
// of the Node process.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../bin/guichet.js');

/** The flags `npm start` gives Node (package.json), so that this measures what `npm start` runs. */
async function npmStartFlags(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../package.json'), 'utf8'));
  return (
    /\bnode\s+(.*?)\s*bin\/guichet\.js/.exec(manifest.scripts.start)?.[1]?.split(/\s+/).filter(Boolean) ?? []
  );
}

async function rssMbOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

export async function benchColdStart(): Promise<{
  seconds: number;
  rssMb: number;
  rssAfterSettleMb: number;
}> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-cold-'));
  const flags = await npmStartFlags();
  const began = performance.now();
  const child = spawn(process.execPath, [...flags, bin, 'start'], {
    env: { ...process.env, PORT: '0', GUICHET_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (/Guichet is running at/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    const seconds = Math.round((performance.now() - began) / 100) / 10;
    const rssMb = await rssMbOf(child.pid ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 5000)); // the worker takes its first jobs meanwhile
    const rssAfterSettleMb = await rssMbOf(child.pid ?? 0);
    return { seconds, rssMb, rssAfterSettleMb };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  }
}
