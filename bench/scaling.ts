// How cost grows with data: each measure at the demo's size and at ten (and, with --scale 100, a hundred)
// times the data, classified flat / logarithmic / linear: the catalogue (400 services per step), one
// account's documents and requests (10), an authority's inbox (1,000 requests of other people) and the
// audit chain (10,000 events). In-process requests (app.request): the transport does not grow with
// data, so it is left out.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { getAuthorityBySlug, grantStaffRole } from '../src/modules/authorities/index.ts';
import { listForAccount } from '../src/modules/cases/index.ts';
import { createService, demoCatalogue, publishVersion } from '../src/modules/catalogue/index.ts';
import { createBlobStore, publishDocument } from '../src/modules/documents/index.ts';
import { writeCheckpoint } from '../src/platform/audit/checkpoints.ts';
import { verifyAudit } from '../src/platform/audit/verify-audit.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { masterKeysFor } from '../src/platform/crypto/master-keys.ts';
import type { Database } from '../src/platform/database/database.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { buildApp } from '../src/runtime/build-app.ts';
import { createCitizen, createLocalPerson, personActor } from '../tests/support/factories.ts';
import { loggedInClient } from '../tests/support/http-client.ts';
import { createRequestForm, openRequest } from '../tests/support/requests.ts';
import { appendAuditEvents, copyRequests, plansOf } from '../tests/support/scaling-data.ts';

export type Growth = 'flat' | 'log' | 'linear';

/**
 * From the time at each size (each ten times the previous): flat when ten times the data costs under
 * 1.5 times as much, linear when it costs 5 times or more, logarithmic in between.
 */
export function classifyGrowth(millis: number[]): Growth {
  const steps = millis.slice(1).map((t, i) => t / Math.max(0.001, millis[i] ?? 0));
  const worst = Math.max(...steps);
  return worst < 1.5 ? 'flat' : worst < 5 ? 'log' : 'linear';
}

async function averageMs(times: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const began = performance.now();
  for (let i = 0; i < times; i++) await work();
  return Math.round(((performance.now() - began) / times) * 100) / 100;
}

export interface Scaling {
  sizes: Record<string, number[]>;
  millis: Record<string, number[]>;
  growth: Record<string, Growth>;
}

export async function benchScaling(
  database: Database,
  options: { multipliers: number[]; dataDir: string; plans?: string },
) {
  const { db, pool } = database;
  const config = loadConfig({ GUICHET_DEMO: 'true', GUICHET_DATA_DIR: options.dataDir, LOG_LEVEL: 'warn' });
  const { app } = await buildApp({ config, db, logger: createLogger('silent') });
  const vault = {
    db,
    store: createBlobStore(config.documentStore, db),
    keys: await masterKeysFor(config, db),
  };
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  const email = `scaling-${randomBytes(3).toString('hex')}@example.ch`;
  const password = 'scaling-Passw0rd-long';
  const person = await createLocalPerson(db, { givenNames: 'Léa', familyName: 'Scaling', email, password });
  const result: Scaling = { sizes: {}, millis: {}, growth: {} };
  const note = (name: string, size: number, ms: number) => {
    result.sizes[name] = [...(result.sizes[name] ?? []), size];
    result.millis[name] = [...(result.millis[name] ?? []), ms];
    process.stdout.write(`  ${name.padEnd(28)} ${String(size).padStart(8)}  ${ms} ms\n`);
  };
  const clerkEmail = `scaling-clerk-${randomBytes(3).toString('hex')}@example.ch`;
  const clerk = await createLocalPerson(db, {
    givenNames: 'Luc',
    familyName: 'Clerc',
    email: clerkEmail,
    password,
  });
  await grantStaffRole(db, 'bench', { authorityId: spf, personId: clerk.personId, role: 'agent' });
  // The first requests are real: submitted through forms and opened by cases, as the job does.
  const form = await createRequestForm(db, spf, 'Extrait scaling');
  const holder = personActor({
    id: person.personId,
    account: { id: person.accountId, name: 'Léa Scaling', kind: 'personal' },
  });
  const other = await createCitizen(db, { givenNames: 'Émilie', familyName: 'Bonvin' });
  for (let i = 0; i < 5; i++) await openRequest(db, holder, form.id, { purpose: `Bail ${i}` });
  for (let i = 0; i < 20; i++) await openRequest(db, other, form.id, { purpose: `Permis ${i}` });
  const template = (await listForAccount(db, other.account.id))[0]?.id ?? '';
  const inbox = '/back-office/authorities/spf/requests';
  const count = async (where: string) =>
    Number((await sql.raw<{ n: string }>(`select count(*) as n from cases ${where}`).execute(db)).rows[0]?.n);
  let services = 0;
  let documents = 0;
  let variant = 1000;
  process.stdout.write('how cost grows with data (size, mean time of one)\n');
  for (const multiplier of options.multipliers) {
    const began = performance.now();
    // The catalogue: 400 services per multiplier (every commune's own, in practice).
    while (services < 400 * multiplier) {
      variant += 1;
      for (const { slug, authority, content } of demoCatalogue) {
        const owner = await getAuthorityBySlug(db, authority);
        if (!owner) continue;
        const service = await createService(db, 'bench', {
          authorityId: owner.id,
          slug: `${slug}-s${variant}`,
          content: { ...content, name: { ...content.name, fr: `${content.name.fr} ${variant}` } },
        });
        await publishVersion(db, 'bench', service, 1);
        services += 1;
      }
    }
    note('catalogue search', services, await averageMs(20, async () => app.request('/search?q=poursuite')));
    // One person's account: 10 documents and 10 requests per multiplier.
    while (documents < 10 * multiplier) {
      await publishDocument(vault, {
        accountId: person.accountId,
        authorityId: spf,
        title: `Pièce ${documents}`,
        category: 'extract',
        theme: null,
        message: null,
        filename: 'piece.pdf',
        bytes: Buffer.from(`%PDF-1.4\n% ${documents}\n%%EOF\n`),
        idempotencyKey: `scaling-${email}-${documents}`,
        publishedBy: 'bench',
      });
      documents += 1;
    }
    const ownWhere = `where account_id = '${person.accountId}'`;
    const own = await count(ownWhere);
    await copyRequests(db, {
      templateId: (await listForAccount(db, person.accountId))[0]?.id ?? '',
      from: own,
      count: 10 * multiplier - own,
      assigneeId: clerk.personId,
      prefix: 'OWN',
      owner: { accountId: person.accountId, personId: person.personId },
    });
    // The authority's inbox: 1,000 requests of other people per multiplier.
    const othersWhere = `where authority_id = '${spf}' and account_id <> '${person.accountId}'`;
    const others = await count(othersWhere);
    await copyRequests(db, {
      templateId: template,
      from: others,
      count: 1000 * multiplier - others,
      assigneeId: clerk.personId,
      prefix: 'INB',
    });
    // The audit chain: 10,000 events per multiplier, whatever the rest wrote.
    const events = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from audit_events`.execute(db)).rows[0]?.n);
    await appendAuditEvents(db, 10_000 * multiplier - (await events()));
    process.stdout.write(`  (data made in ${Math.round(performance.now() - began)} ms)\n`);

    const client = await loggedInClient(app, email, password);
    const ownRequests = await count(ownWhere);
    note('my space (own documents)', documents, await averageMs(20, () => client.get('/my')));
    note('document list (own)', documents, await averageMs(20, () => client.get('/documents')));
    note('request list (own requests)', ownRequests, await averageMs(5, () => client.get('/requests')));
    const staff = await loggedInClient(app, clerkEmail, password);
    const requests = await count(`where authority_id = '${spf}'`);
    const timed = (name: string, path: string, times = 10) =>
      averageMs(times, () => staff.get(path)).then((ms) => note(name, requests, ms));
    await timed('inbox, first page', inbox);
    const next = /href="([^"]*)" rel="next"/.exec(await (await staff.get(inbox)).text())?.[1];
    await timed('inbox, next page', (next ?? inbox).replaceAll('&amp;', '&'));
    await timed('inbox, oldest first', `${inbox}?sort=oldest`);
    await timed('inbox, due first', `${inbox}?sort=due`);
    await timed('inbox, new unassigned', `${inbox}?assignee=none&open=1`);
    await timed('inbox, overdue', `${inbox}?overdue=1`);
    await timed('inbox, awaiting payment', `${inbox}?payment=1`);
    await timed('inbox, status granted', `${inbox}?status=granted`);
    await timed('inbox, search (rare word)', `${inbox}?q=Permis+1`);
    await timed('inbox, search (reference)', `${inbox}?q=INB-0000042`);
    // A requester's name nobody has: the names' look-up, then the arms of the search by index.
    await timed('inbox, search (a name)', `${inbox}?q=Zwahlen`);
    // Two characters found in no reference: no trigram to look up, so only the reference prefix index.
    await timed('inbox, search (two characters)', `${inbox}?q=zq`);
    await timed('back office home (counts)', '/back-office');
    await timed('clerk my space (queues)', '/my');
    if (multiplier === options.multipliers.at(-1) && options.plans) {
      const plans = [
        ...(await plansOf(pool, () => staff.get(inbox))),
        ...(await plansOf(pool, () => staff.get(`${inbox}?q=Permis+1`))),
        ...(await plansOf(pool, () => staff.get(`${inbox}?q=zq`))),
        ...(await plansOf(pool, () => staff.get(`${inbox}?q=Zwahlen`))),
        ...(await plansOf(pool, () => staff.get('/back-office'))),
        ...(await plansOf(pool, () => client.get('/my'))),
      ];
      await mkdir(path.dirname(options.plans), { recursive: true });
      await writeFile(options.plans, `${plans.join('\n\n')}\n`);
      process.stdout.write(`  query plans at ${requests} requests written to ${options.plans}\n`);
    }

    const total = await events();
    // Once: at a million events it takes minutes, and it reads every event anyway.
    const verifying = performance.now();
    await verifyAudit(db, vault.keys);
    note('audit verify (whole chain)', total, Math.round(performance.now() - verifying));
    await writeCheckpoint(db, vault.keys);
    // What the 5-minute job meets: a hundred new events on top of a long chain.
    let checkpointing = 0;
    for (let i = 0; i < 3; i++) {
      await appendAuditEvents(db, 100);
      const at = performance.now();
      await writeCheckpoint(db, vault.keys);
      checkpointing += performance.now() - at;
    }
    note('audit checkpoint (100 new)', total, Math.round((checkpointing / 3) * 100) / 100);
  }
  for (const [name, millis] of Object.entries(result.millis)) result.growth[name] = classifyGrowth(millis);
  process.stdout.write(`  growth: ${JSON.stringify(result.growth)}\n`);
  return result;
}
