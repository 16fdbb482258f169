import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createApiClient } from '../../src/modules/integration/index.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { pdfBase64 } from '../support/api.ts';
import { type GuichetProcess, spawnGuichet } from '../support/spawn-guichet.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { citizenSession, prepareCitizens } from './citizen-load.ts';
import { writeFigures } from './figures.ts';

let database: TestDatabase;
let instances: GuichetProcess[] = [];
let proxy: http.Server;
const served = [0, 0];

/** The simplest load balancer: each request to the next instance in turn, whatever its cookies. */
function roundRobin(upstreams: string[]): http.Server {
  let next = 0;
  return http.createServer((request, response) => {
    const index = next++ % upstreams.length;
    served[index] = (served[index] ?? 0) + 1;
    const target = new URL(upstreams[index] ?? '');
    const forward = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, 'x-forwarded-for': '192.0.2.10' },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => response.writeHead(502).end());
    request.pipe(forward);
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
  const env = {
    DATABASE_URL: database.url,
    GUICHET_WORKER_CONCURRENCY: '2',
    MASTER_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64')}`,
    TRUST_PROXY: 'true',
  };
  instances = await Promise.all([spawnGuichet(['serve'], env), spawnGuichet(['serve'], env)]);
  proxy = roundRobin(instances.map((i) => i.url));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
}, 120_000);
afterAll(async () => {
  proxy?.close();
  await Promise.all(instances.map((instance) => instance.stop()));
  await database.drop();
});

const origin = () => `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

describe('two instances on one database behind a round-robin proxy', { timeout: 180_000 }, () => {
  it('a session opened on one holds on the other; submissions sent across both open one request each', async () => {
    const { formId, emails } = await prepareCitizens(database.url, 2);
    const sessions = await Promise.all(emails.map((email) => citizenSession(origin(), email, formId)));
    const ids = (await Promise.all(sessions.map(async (s) => [await s.submit(), await s.submit()]))).flat();
    expect(new Set(ids).size).toBe(4);
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);
    const opened = async () =>
      (
        await sql<{ n: number; runs: number }>`
          select count(distinct submission_id)::int as n, count(*)::int as runs from cases
           where submission_id in (${sql.join(ids)})`.execute(database.db)
      ).rows[0];
    const deadline = Date.now() + 60_000;
    while ((await opened())?.n !== 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
    expect(await opened()).toEqual({ n: 4, runs: 4 });
  });

  it('one idempotency key fired 20 times across both instances publishes one document', async () => {
    const sion = (await getAuthorityBySlug(database.db, 'sion'))?.id ?? '';
    const { key } = await createApiClient(database.db, 'test', {
      authorityId: sion,
      name: 'ERP',
      scopes: ['documents:write'],
      mode: 'live',
    });
    const account = await sql<{ id: string }>`select id from accounts limit 1`.execute(database.db);
    const body = JSON.stringify({
      recipient: { accountId: account.rows[0]?.id },
      title: 'Across instances',
      category: 'extract',
      filename: 'extrait.pdf',
      contentBase64: pdfBase64,
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${origin()}/api/v1/documents`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${key}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': 'across-two-instances',
          },
          body,
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from documents where title = 'Across instances'`.execute(database.db);
    expect(rows[0]?.n).toBe(1);
    await writeFigures('two-instances', {
      requestsPerInstance: served,
      idempotentBurst: 20,
      documents: rows[0]?.n,
    });
  });
});
