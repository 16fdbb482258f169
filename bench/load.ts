import http from 'node:http';

/** One unit of work to measure: a request, a query. */
export type Operation = () => Promise<void>;

/** An operation that GETs `url` over a keep-alive agent shared by the concurrent workers. */
export function httpGet(url: string, concurrency: number): Operation {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(url, { agent }, (response) => {
          if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}`));
          response.resume().on('end', resolve);
        })
        .on('error', reject);
    });
}

/** Runs `operation` `count` times over `concurrency` workers and returns operations per second. */
export async function measureThroughput(
  operation: Operation,
  count: number,
  concurrency: number,
): Promise<number> {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      await operation();
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count / ((performance.now() - began) / 1000);
}

/** Alternates candidate and baseline rounds so that machine noise hits both alike; returns median ratio. */
export async function compare(options: {
  candidate: Operation;
  baseline: Operation;
  rounds: number;
  count: number;
  concurrency: number;
}): Promise<{ ratio: number; candidate: number; baseline: number; cpuRatio: number }> {
  await measureThroughput(options.candidate, 200, options.concurrency); // warm up both
  await measureThroughput(options.baseline, 200, options.concurrency);
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const candidate: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const cpuBefore = process.cpuUsage();
    const c = await measureThroughput(options.candidate, options.count, options.concurrency);
    const cpuBetween = process.cpuUsage();
    const b = await measureThroughput(options.baseline, options.count, options.concurrency);
    candidate.push(c);
    baseline.push(b);
    ratios.push(c / b);
    cpuRatios.push(cpuSpent(cpuBetween) / cpuSpent(cpuBefore, cpuBetween));
  }
  return {
    ratio: median(ratios),
    candidate: median(candidate),
    baseline: median(baseline),
    cpuRatio: median(cpuRatios),
  };
}

/** This process's CPU time (user and system) from `since` to `until` (now). */
function cpuSpent(since: NodeJS.CpuUsage, until = process.cpuUsage()): number {
  return until.user - since.user + until.system - since.system;
}

const recorded: Record<string, unknown> = {};

/** Keeps a part's figures for the results file, under what they measure. */
export function record(title: string, figures: Record<string, unknown>): void {
  recorded[title] = figures;
}

/** The figures recorded since the last call. */
export function takeRecorded(): Record<string, unknown> {
  const taken = { ...recorded };
  for (const title of Object.keys(recorded)) delete recorded[title];
  return taken;
}

export function report(title: string, unit: string, result: Awaited<ReturnType<typeof compare>>): void {
  record(title, result);
  process.stdout.write(
    [
      title,
      `  ratio            ${result.ratio.toFixed(3)}  (1.0 = as fast as the baseline)`,
      `  median ${unit}/s     ${Math.round(result.candidate)} vs ${Math.round(result.baseline)} (this machine, this run only)`,
      // Both sides run in this process, so CPU per operation compares them even on a shared machine.
      `  CPU ratio        ${result.cpuRatio.toFixed(3)}  (baseline's CPU per ${unit} / candidate's)`,
      '',
    ].join('\n'),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
