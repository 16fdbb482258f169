import http from 'node:http';

/**
 * Sends `requests` GETs to `url` over `concurrency` keep-alive connections and returns requests per
 * second. Loopback only, bounded in count: it stops by itself.
 */
export async function measureThroughput(url: string, requests: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let sent = 0;
  const worker = async () => {
    while (sent < requests) {
      sent += 1;
      await new Promise<void>((resolve, reject) => {
        http
          .get(url, { agent }, (response) => {
            if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}`));
            response.resume().on('end', resolve);
          })
          .on('error', reject);
      });
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return requests / seconds;
}

/** Alternates candidate and baseline rounds so that machine noise hits both alike; returns median ratio. */
export async function compare(options: {
  candidate: string;
  baseline: string;
  rounds: number;
  requests: number;
  concurrency: number;
}): Promise<{ ratio: number; candidate: number; baseline: number }> {
  await measureThroughput(options.candidate, 200, options.concurrency); // warm up both
  await measureThroughput(options.baseline, 200, options.concurrency);
  const ratios: number[] = [];
  const candidate: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const c = await measureThroughput(options.candidate, options.requests, options.concurrency);
    const b = await measureThroughput(options.baseline, options.requests, options.concurrency);
    candidate.push(c);
    baseline.push(b);
    ratios.push(c / b);
  }
  return { ratio: median(ratios), candidate: median(candidate), baseline: median(baseline) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
