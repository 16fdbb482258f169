/**
 * Resolves `gone` when this process, started through npm (`npm start`, `npx guichet`), loses its
 * parent. npm passes SIGTERM on to the `sh -c` it runs the command in, and the shell dies without
 * passing it on: Node and PostgreSQL would go on running, orphaned. Outside npm nothing is watched,
 * so `nohup guichet serve &` keeps running after its shell exits.
 */
export function watchParent(env: NodeJS.ProcessEnv = process.env): { gone: Promise<void>; stop(): void } {
  if (!env.npm_command) return { gone: new Promise<void>(() => undefined), stop: () => undefined };
  const parent = process.ppid;
  let timer: NodeJS.Timeout | undefined;
  const gone = new Promise<void>((resolve) => {
    timer = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(timer);
      resolve();
    }, 500);
    timer.unref();
  });
  return { gone, stop: () => clearInterval(timer) };
}
