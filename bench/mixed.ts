// The mixed load of `npm run bench`: a citizen's day (browse the catalogue, log in, look at "my space",
// send a form with a 1 MB attachment, download a document) against the real server on loopback, each
// route measured alone for its rate and latencies next to the baseline it is held to, then all mixed
// together for the error rate and memory, then the same mix for the soak.
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import { createBlobStore } from '../src/modules/documents/index.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { masterKeysFor } from '../src/platform/crypto/master-keys.ts';
import type { Database } from '../src/platform/database/database.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { buildApp } from '../src/runtime/build-app.ts';
import { createLocalPerson } from '../tests/support/factories.ts';
import { publishBenchForm, publishExtract, searchQueries } from './fixtures.ts';
import { type Answer, httpClient, type PhaseResult, runFor } from './measure.ts';
import {
  blobCommitBaseline,
  createCitizens,
  fillDrafts,
  runThrough,
  submitFilled,
  submitFlow,
} from './submission.ts';

const concurrency = 8;
const password = 'bench-Passw0rd-long-enough';
const attachment = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  randomBytes(1024 * 1024 - 20),
  Buffer.from('\n%%EOF\n'),
]);

export interface MixedReport {
  phases: Record<string, PhaseResult>;
  ratios: Record<
    string,
    { candidate: string; baseline: string; ratio: number; target: number; met: boolean }
  >;
  /** Measures reported for information, against a baseline of their own but no target. */
  information: Record<string, { candidate: string; baseline: string; ratio: number }>;
  mixed: PhaseResult & { rssBeforeMb: number; rssAfterMb: number };
  soak: {
    seconds: number;
    rssSamplesMb: number[];
    growthMb: number;
    errorRate: number;
    firstError?: string;
  };
}

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
const expect = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status) throw new Error(`${what} answered ${answer.status}`);
  return answer;
};
const cookieOf = (answer: Answer) =>
  (answer.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
const tokenIn = (answer: Answer) => /name="_csrf" value="([^"]+)"/.exec(answer.body.toString())?.[1] ?? '';

export async function benchMixed(
  database: Database,
  options: { seconds: number; soakSeconds: number; dataDir: string },
): Promise<MixedReport> {
  const { db, pool } = database;
  const config = loadConfig({
    GUICHET_DEMO: 'true',
    GUICHET_DATA_DIR: options.dataDir,
    TRUST_PROXY: 'true', // each simulated citizen comes from an address of its own, through a proxy
    LOG_LEVEL: 'warn',
  });
  const { app } = await buildApp({ config, db, logger: createLogger('silent') });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  const bare = http.createServer((_q, response) => response.end('<!DOCTYPE html><p>Hello</p>'));
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const origin = (s: { address(): unknown }) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  const guichet = httpClient(origin(server), concurrency * 2);
  const hello = httpClient(origin(bare), concurrency * 2);
  let addresses = 0;
  /** A fresh client address per call (many citizens), as the proxy would say it. */
  const from = () => ({
    'X-Forwarded-For': `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses++ & 255}`,
  });

  // The citizens, each with a document in their space, and a form with a file to send.
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const keys = await masterKeysFor(config, db);
  const vault = { db, store: createBlobStore(config.documentStore, db), keys };
  const form = await publishBenchForm(db);
  let next = 0;
  const users: { email: string; cookie: string; documentId: string; address: string }[] = [];
  for (let i = 0; i < concurrency; i++) {
    const email = `bench-${i}-${randomBytes(3).toString('hex')}@example.ch`;
    const person = await createLocalPerson(db, {
      givenNames: 'Léa',
      familyName: `Bench ${i}`,
      email,
      password,
    });
    const document = await publishExtract(
      vault,
      { accountId: person.accountId, authorityId: spf },
      `bench-${email}`,
    );
    users.push({ email, cookie: '', documentId: document.id, address: `10.200.0.${i}` });
  }
  const logIn = async (user: (typeof users)[number]) => {
    const headers = from();
    const page = expect(await guichet('GET', '/login', { headers }), 200, 'login page');
    const answer = await guichet('POST', '/login/local', {
      headers: { ...headers, Cookie: cookieOf(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: tokenIn(page), email: user.email, password }).toString(),
    });
    expect(answer, 303, 'login');
    return cookieOf(answer);
  };
  for (const user of users) user.cookie = await logIn(user);
  // Forms are sent by many citizens, a few each (see submission.ts): these send the whole flow, and
  // as many others the filled drafts of the durable submission's measure.
  const senders = await createCitizens(db, guichet, form.id, 128, concurrency);
  const submitters = await createCitizens(db, guichet, form.id, 64, concurrency);
  // Their own turn, not the shared counter's: its residues would leave some citizens sending twice as
  // often, over the per-person write limit in a ten-minute soak.
  let turn = 0;
  const sender = () => senders[turn++ % senders.length] as (typeof senders)[number];
  const as = (worker: number) => {
    const user = users[worker % users.length];
    if (!user) throw new Error('no user');
    return { user, headers: { Cookie: user.cookie, 'X-Forwarded-For': user.address } };
  };

  const routes: Record<string, (worker: number) => Promise<void>> = {
    home: async () => void expect(await guichet('GET', '/', { headers: from() }), 200, '/'),
    search: async () => {
      const q = encodeURIComponent(searchQueries[next++ % searchQueries.length] ?? '');
      expect(await guichet('GET', `/search?q=${q}`, { headers: from() }), 200, '/search');
    },
    login: async (worker) => void (await logIn(as(worker).user)),
    mySpace: async (worker) =>
      void expect(await guichet('GET', '/my', { headers: as(worker).headers }), 200, '/my'),
    download: async (worker) => {
      const { user, headers } = as(worker);
      expect(await guichet('GET', `/documents/${user.documentId}/file`, { headers }), 200, 'document file');
    },
    submitFlow: async () => submitFlow(guichet, form.id, sender(), attachment),
  };

  // The baselines, measured in the same run on the same machine.
  await sql`create table if not exists bench_commits (id bigserial primary key, at timestamptz not null)`.execute(
    db,
  );
  const accountIds = (await sql<{ id: string }>`select id from accounts limit 100`.execute(db)).rows.map(
    (r) => r.id,
  );
  const ecdsa = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const message = randomBytes(64);
  const signature = sign('sha256', message, ecdsa.privateKey);
  const baselines: Record<string, (worker: number) => Promise<void>> = {
    bareHttp: async () => void expect(await hello('GET', '/'), 200, 'hello'),
    rawSelect: async () =>
      void (await pool.query('select * from accounts where id = $1', [
        accountIds[next++ % accountIds.length],
      ])),
    rawCommit: async () => void (await pool.query('insert into bench_commits (at) values (now())')),
    rawCommit1Mb: await blobCommitBaseline(pool),
    rawFullText: async () =>
      void (await pool.query(
        `select service_id from catalogue_search where document @@ plainto_tsquery('catalogue_fr', $1) limit 20`,
        [searchQueries[next++ % searchQueries.length]],
      )),
    ecdsaSign: async () => void sign('sha256', message, ecdsa.privateKey),
    ecdsaVerify: async () => {
      if (!verify('sha256', message, ecdsa.publicKey, signature)) throw new Error('bad signature');
    },
  };

  const phases: Record<string, PhaseResult> = {};
  const measure = async (
    name: string,
    operation: (worker: number) => Promise<void>,
    workers = concurrency,
  ) => {
    await runFor(operation, { seconds: Math.min(1, options.seconds), concurrency: workers }); // warm up
    phases[name] = await runFor(operation, { seconds: options.seconds, concurrency: workers });
    process.stdout.write(`  ${name.padEnd(14)} ${JSON.stringify(phases[name])}\n`);
  };
  try {
    process.stdout.write('mixed load: each route alone, then its baseline\n');
    for (const [name, operation] of Object.entries(baselines))
      await measure(name, operation, name.startsWith('ecdsa') ? 1 : concurrency);
    await pool.query('truncate bench_blobs');
    for (const [name, operation] of Object.entries(routes)) await measure(name, operation);
    // The durable submission uses its drafts up: a warm-up's rate says how many the timed phase needs.
    const submit = (drafts: Awaited<ReturnType<typeof fillDrafts>>) =>
      runThrough(drafts, (draft) => submitFilled(guichet, draft), concurrency);
    const warm = await submit(await fillDrafts(db, vault.keys, form, submitters, 64));
    const count = Math.min(40 * submitters.length, Math.max(64, Math.ceil(warm.perSecond * options.seconds)));
    phases.submit = await submit(await fillDrafts(db, vault.keys, form, submitters, count, 64));
    process.stdout.write(`  ${'submit'.padEnd(14)} ${JSON.stringify(phases.submit)}\n`);

    const ratio = (candidate: string, baseline: string, target: number) => {
      const value = (phases[candidate]?.perSecond ?? 0) / (phases[baseline]?.perSecond ?? 1);
      return { candidate, baseline, ratio: Math.round(value * 1000) / 1000, target, met: value >= target };
    };
    const ratios = {
      home: ratio('home', 'bareHttp', 0.35),
      search: ratio('search', 'rawFullText', 1),
      mySpace: ratio('mySpace', 'rawSelect', 0.25),
      submit: ratio('submit', 'rawCommit', 0.25),
    };
    const { candidate, baseline, ratio: flowRatio } = ratio('submitFlow', 'rawCommit1Mb', 0);
    const information = { submitFlow: { candidate, baseline, ratio: flowRatio } };

    // Everything at once: each worker walks the citizen's day, route after route.
    const day = Object.values(routes);
    const mixedOperation = async (worker: number) => {
      const operation = day[next++ % day.length];
      if (operation) await operation(worker);
    };
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const mixed = await runFor(mixedOperation, { seconds: options.seconds * 3, concurrency });
    global.gc?.();
    const rssAfter = process.memoryUsage().rss;

    // The soak: the same mix for longer, memory sampled as it goes.
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(mb(process.memoryUsage().rss)), 5000);
    const soak = await runFor(mixedOperation, { seconds: options.soakSeconds, concurrency });
    clearInterval(sampler);
    const quarter = Math.max(1, Math.floor(samples.length / 4));
    const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    return {
      phases,
      ratios,
      information,
      mixed: { ...mixed, rssBeforeMb: mb(rssBefore), rssAfterMb: mb(rssAfter) },
      soak: {
        seconds: options.soakSeconds,
        rssSamplesMb: samples,
        // The first quarter against the last: warm-up allocations are not growth.
        growthMb:
          Math.round((average(samples.slice(-quarter)) - average(samples.slice(0, quarter))) * 10) / 10,
        errorRate: soak.errorRate,
        ...(soak.firstError && { firstError: soak.firstError }),
      },
    };
  } finally {
    server.close();
    bare.close();
  }
}
