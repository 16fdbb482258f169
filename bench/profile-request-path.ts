// Profiling harness (not part of npm run bench): answers `/` and `/my` in-process many times and counts
// database round trips per request. Run: ONLY=/ PROFILE=/tmp/home.cpuprofile tsx bench/profile-request-path.ts
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import { createBlobStore } from '../src/modules/documents/index.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { masterKeysFor } from '../src/platform/crypto/master-keys.ts';
import { connectDatabase, ensureDatabaseExists } from '../src/platform/database/database.ts';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { buildApp, migrate } from '../src/runtime/build-app.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { createLocalPerson } from '../tests/support/factories.ts';
import { publishExtract } from './fixtures.ts';
import { httpClient, queriesAndProfile } from './measure.ts';

const count = Number(process.env.COUNT ?? 2000);
const logger = createLogger('warn');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-prof-'));
const postgres = await startEmbeddedPostgres({ dataDir, logger, persistent: false });
const database = connectDatabase(await ensureDatabaseExists(postgres.url, 'prof'), () => undefined, {
  genericPlans: Number(process.env.DATABASE_GENERIC_PLANS ?? 4),
});
try {
  await migrate(database.db, database.pool);
  await seedDemo(database.db);
  const config = loadConfig({ GUICHET_DEMO: 'true', GUICHET_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const { app } = await buildApp({ config, db: database.db, logger: createLogger('silent') });
  const password = 'bench-Passw0rd-long-enough';
  const person = await createLocalPerson(database.db, {
    givenNames: 'Léa',
    familyName: 'Prof',
    email: 'p@example.ch',
    password,
  });
  const vault = {
    db: database.db,
    store: createBlobStore(config.documentStore, database.db),
    keys: await masterKeysFor(config, database.db),
  };
  const document = await publishExtract(
    vault,
    { accountId: person.accountId, authorityId: (await getAuthorityBySlug(database.db, 'spf'))?.id ?? '' },
    'profile',
  );
  const cookieOf = (r: Response) =>
    r.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  const page = await app.request('/login');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const login = await app.request('/login/local', {
    method: 'POST',
    headers: { Cookie: cookieOf(page), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email: 'p@example.ch', password }).toString(),
  });
  if (login.status !== 303) throw new Error(`login ${login.status}`);
  const cookie = cookieOf(login);
  const server = process.env.HTTP ? serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) : null;
  if (server) await new Promise((resolve) => server.once('listening', resolve));
  const get = server ? httpClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 16) : null;
  // Over loopback, the bench's baseline measured the same way: CPU per request, unlike req/s, hardly
  // moves when other work shares the machine, so their ratio approximates the bench's on an idle one.
  const bareCpu = server ? await bareHelloCpuPerRequest(count) : undefined;
  if (bareCpu) process.stdout.write(`bare node:http hello: ${bareCpu.toFixed(3)} ms of Node CPU/request\n`);
  const measure = queriesAndProfile({ show: !!process.env.SHOW, profile: process.env.PROFILE });
  for (const [name, init] of [
    ['/', {}],
    ['/my', { headers: { Cookie: cookie } }],
    [`/documents/${document.id}/file`, { headers: { Cookie: cookie } }],
  ] as const) {
    // `ONLY=/` is the home page alone, not every path.
    const only = process.env.ONLY;
    if (only && name !== only && (only === '/' || !name.startsWith(only))) continue;
    for (let i = 0; i < 50; i++) await app.request(name, init); // warm
    await measure.start();
    const started = performance.now();
    if (get) {
      // Over loopback as the bench does, 8 clients at once.
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = 0; i < count / 8; i++) {
            const r = await get('GET', name, { headers: 'headers' in init ? init.headers : {} });
            if (r.status !== 200) throw new Error(`${name} ${r.status}`);
          }
        }),
      );
    } else
      for (let i = 0; i < count; i++) {
        const r = await app.request(name, init);
        if (r.status !== 200) throw new Error(`${name} ${r.status}`);
        await r.arrayBuffer();
      }
    const ms = (performance.now() - started) / count;
    const { cpuMs, queries, statements } = await measure.stop(count);
    process.stdout.write(
      `${name}: ${ms.toFixed(3)} ms/request, ${cpuMs.toFixed(3)} ms of Node CPU/request, ${queries.toFixed(2)} queries/request${bareCpu ? `, CPU ratio to bare node:http ${(bareCpu / cpuMs).toFixed(3)}` : ''}\n`,
    );
    if (process.env.SHOW) process.stdout.write(`${statements.join('\n')}\n`);
  }
  server?.close();
} finally {
  await database.close();
  await postgres.stop();
  await rm(dataDir, { recursive: true, force: true });
}

/** Node CPU per request of a bare node:http hello world, asked by the same client as the routes. */
async function bareHelloCpuPerRequest(count: number): Promise<number> {
  const bare = http.createServer((_request, response) => response.end('<!DOCTYPE html><p>Hello</p>'));
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const get = httpClient(`http://127.0.0.1:${(bare.address() as AddressInfo).port}`, 16);
  const run = (n: number) =>
    Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < n / 8; i++) await get('GET', '/');
      }),
    );
  await run(400);
  const cpu = process.cpuUsage();
  await run(count);
  const { user, system } = process.cpuUsage(cpu);
  bare.close();
  return (user + system) / 1000 / count;
}
