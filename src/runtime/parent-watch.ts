import { existsSync, readFileSync } from 'node:fs';

/**
 * Resolves `gone` when this process, started through npm (`npm start`, `npx guichet`), loses npm.
 * npm passes SIGTERM on to the `sh -c` it runs the command in, and the shell dies without passing it
 * on — or, under `npm exec`, npm dies and the shell lives on waiting for us: either way Node and
 * PostgreSQL would go on running, orphaned. So every ancestor up to init is watched, not only the
 * parent. Outside npm nothing is watched, so `nohup guichet serve &` keeps running after its shell exits.
 */
export function watchParent(env: NodeJS.ProcessEnv = process.env): { gone: Promise<void>; stop(): void } {
  if (!env.npm_command) return { gone: new Promise<void>(() => undefined), stop: () => undefined };
  const parent = process.ppid;
  const chain = ancestors(parent);
  let timer: NodeJS.Timeout | undefined;
  const gone = new Promise<void>((resolve) => {
    timer = setInterval(() => {
      const lost = process.ppid !== parent || chain.some((pid) => !existsSync(`/proc/${pid}`));
      if (!lost) return;
      clearInterval(timer);
      resolve();
    }, 500);
    timer.unref();
  });
  return { gone, stop: () => clearInterval(timer) };
}

/** `pid` and its ancestors below init, read from /proc (empty where there is no /proc: the parent is still watched). */
function ancestors(pid: number): number[] {
  const chain: number[] = [];
  for (let current = pid; current > 1 && chain.length < 32; ) {
    chain.push(current);
    try {
      const stat = readFileSync(`/proc/${current}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
      current = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      return [];
    }
  }
  return chain;
}
