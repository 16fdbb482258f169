import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let dataDir = '';
let tree: number[] = [];
afterEach(async () => {
  for (const pid of tree.filter(alive)) process.kill(pid, 'SIGKILL'); // only if the test failed
  await rm(dataDir, { recursive: true, force: true });
});

/** The parent of each process, from /proc (Linux). */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // `pid (comm) state ppid …`: comm may hold spaces, so read after its closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      map.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  return map;
}

function descendantsOf(pid: number): number[] {
  const map = parents();
  const found = [pid];
  for (let i = 0; i < found.length; i++) {
    for (const [child, parent] of map) if (parent === found[i]) found.push(child);
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').match(/\) Z /); // a zombie is dead already
  } catch {
    return false;
  }
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });

describe('Guichet started through npm, stopped by SIGTERM (a container, systemd, a process manager)', () => {
  it.each([
    ['npm start', ['start']],
    ['npx guichet start', ['exec', '--', 'guichet', 'start']],
  ])(
    '%s stops Node and PostgreSQL and frees the port, as Ctrl-C does',
    async (_, args) => {
      await rm(dataDir, { recursive: true, force: true });
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-sigterm-'));
      const npm = spawn('npm', args, {
        cwd: root,
        env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', GUICHET_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk;
      };
      npm.stdout.on('data', collect);
      npm.stderr.on('data', collect);
      const exited = new Promise((resolve) => npm.once('exit', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not start:\n${output}`)), 90_000);
        npm.stdout.on('data', () => {
          const match = output.match(/Guichet is running at (\S+)/);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      tree = descendantsOf(npm.pid ?? 0);
      const commands = tree.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      expect(commands.some((command) => /bin\/guichet(\.js)?\0/.test(command))).toBe(true);
      expect(commands.some((command) => command.includes('postgres'))).toBe(true);

      npm.kill('SIGTERM'); // to npm alone, as `docker stop` does to the container's first process
      await exited;
      const deadline = Date.now() + 60_000; // a graceful stop on a busy machine
      while (tree.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(tree.filter(alive).map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8'))).toEqual([]);
      expect(await portIsFree(Number(new URL(url).port))).toBe(true);
    },
    150_000,
  );
});
