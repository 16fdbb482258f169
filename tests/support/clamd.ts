import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clamdScanner } from '../../src/platform/uploads/clamd.ts';
import { eicar } from './attack-corpus.ts';

/** A free loopback port, for a daemon that must be told its port before it starts. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/**
 * A real ClamAV daemon on loopback whose only signatures are EICAR's MD5 and its string, written at set-up (the public
 * databases cannot be downloaded here, and a few kilobytes load in seconds). `port` may be chosen
 * beforehand, to start the scanner after uploads found it down.
 */
export async function startClamd(
  port?: number,
): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'guichet-clamd-'));
  const sample = path.join(dir, 'eicar.com');
  writeFileSync(sample, eicar());
  writeFileSync(path.join(dir, 'test.hdb'), execFileSync('sigtool', ['--md5', sample]));
  rmSync(sample);
  // The EICAR string anywhere in a file, as malware hidden inside a well-formed PDF would be found.
  writeFileSync(path.join(dir, 'test.ndb'), `Guichet.Test.Eicar-Inside:0:*:${eicar().toString('hex')}\n`);
  const conf = path.join(dir, 'clamd.conf');
  writeFileSync(
    conf,
    [
      `DatabaseDirectory ${dir}`,
      `TCPSocket ${chosen}`,
      'TCPAddr 127.0.0.1',
      'Foreground yes',
      `LocalSocket ${path.join(dir, 'clamd.sock')}`,
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      'LogFile /dev/null',
      process.getuid?.() === 0 ? 'User root' : '',
    ].join('\n'),
  );
  const daemon: ChildProcess = spawn('clamd', ['--config-file', conf], { stdio: 'ignore' });
  const url = `tcp://127.0.0.1:${chosen}`;
  const scanner = clamdScanner(url, 2000);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await scanner.scan(Buffer.from('ready?'));
      break;
    } catch (error) {
      if (daemon.exitCode !== null || Date.now() > deadline) throw new Error(`clamd did not start: ${error}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    port: chosen,
    async stop() {
      if (daemon.exitCode === null) {
        const exited = new Promise((resolve) => daemon.once('exit', resolve));
        daemon.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
