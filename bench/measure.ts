import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import pg from 'pg';

/** What one timed phase of the load gives: throughput, latency percentiles, errors. */
export interface PhaseResult {
  operations: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  errorRate: number;
  firstError?: string;
}

/**
 * Runs `operation` over `concurrency` closed-loop workers for `seconds` and times each call; a call
 * that throws counts as an error (and is not retried). Worker `i` is passed to the operation, so that
 * each can keep its own session or address.
 */
export async function runFor(
  operation: (worker: number) => Promise<void>,
  options: { seconds: number; concurrency: number },
): Promise<PhaseResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const until = performance.now() + options.seconds * 1000;
  const worker = async (index: number) => {
    while (performance.now() < until) {
      const began = performance.now();
      try {
        await operation(index);
        latencies.push(performance.now() - began);
      } catch (error) {
        errors += 1;
        firstError ??= String(error);
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => worker(i)));
  return phaseResult(latencies, errors, firstError, (performance.now() - began) / 1000);
}

/** A timed phase's figures from each call's latency (sorted here) and the calls that threw. */
export function phaseResult(
  latencies: number[],
  errors: number,
  firstError: string | undefined,
  elapsedSeconds: number,
): PhaseResult {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0;
  const operations = latencies.length + errors;
  return {
    operations,
    perSecond: latencies.length / elapsedSeconds,
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    errors,
    errorRate: operations ? errors / operations : 0,
    ...(firstError && { firstError }),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A keep-alive HTTP client for one origin, as a browser or a load balancer would hold connections. */
export function httpClient(origin: string, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const url = new URL(origin);
  return (
    method: 'GET' | 'POST',
    path: string,
    options: { headers?: Record<string, string>; body?: Buffer | string } = {},
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        { host: url.hostname, port: url.port, method, path, agent, headers: options.headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(options.body);
    });
}

/** A multipart/form-data body, as a browser sends a form with a file. */
export function multipart(
  fields: Record<string, string>,
  file: { field: string; name: string; type: string; bytes: Buffer },
): { body: Buffer; contentType: string } {
  const boundary = `----guichetbench${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Counts the PostgreSQL round trips (Kysely checks a client out per query: the queries those clients
 * run), keeps their text when `show`, and profiles the CPU into `profile` (a `.cpuprofile` file) when
 * given, between `start()` and `stop()`: the profiling harnesses' measured loop.
 */
export function queriesAndProfile(options: { show?: boolean; profile?: string }) {
  let queries = 0;
  let counting = false;
  const seen: string[] = [];
  const clientQuery = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...a: unknown[]) {
    if (counting) {
      queries++;
      if (options.show) seen.push(String((a[0] as { text?: string })?.text ?? a[0]).slice(0, 200));
    }
    return (clientQuery as (...b: unknown[]) => unknown).apply(this, a);
  } as typeof clientQuery;
  const inspector = new Session();
  inspector.connect();
  let cpu = process.cpuUsage();
  return {
    async start() {
      queries = 0;
      seen.length = 0;
      if (options.profile) {
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.start');
      }
      counting = true;
      cpu = process.cpuUsage();
    },
    /** Per operation: Node CPU (ms), queries, and the statements of one operation when `show`. */
    async stop(operations: number) {
      const { user, system } = process.cpuUsage(cpu);
      counting = false;
      if (options.profile) {
        const { profile } = await inspector.post('Profiler.stop');
        await writeFile(options.profile, JSON.stringify(profile));
      }
      return {
        cpuMs: (user + system) / 1000 / operations,
        queries: queries / operations,
        statements: seen.slice(0, seen.length / operations),
      };
    },
  };
}
