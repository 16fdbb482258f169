import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../bin/guichet.js');

export interface GuichetProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** What Guichet refuses to start without outside demo mode, where the tests do not use it. */
export const outsideDemo = {
  COMMERCIAL_REGISTER_URL: 'http://127.0.0.1:9/commercial-register',
  METRICS_TOKEN: 'test-metrics-token',
};

/**
 * Runs the real `guichet` binary as a separate process and waits until it says it is listening
 * (`timeoutMs`: longer for a `start` on an empty data folder, which initialises PostgreSQL and seeds).
 */
export async function spawnGuichet(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<GuichetProcess> {
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'warn',
      ...(args[0] === 'start' ? {} : outsideDemo),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind the failure (with the PostgreSQL it may have started).
      child.kill('SIGTERM');
      reject(new Error(`guichet did not start in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    child.stdout?.on('data', () => {
      const match = output.match(/Guichet is running at (\S+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`guichet exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
