// How cost grows with data: each measure at the demo's size and at ten (and, with --scale 100, a hundred)
// times the data, classified flat / logarithmic / linear. In-process requests (app.request): the
// transport does not grow with data, so it is left out.
import { randomBytes } from 'node:crypto';
import { getAuthorityBySlug } from '../src/modules/authorities/index.ts';
import { createService, demoCatalogue, publishVersion } from '../src/modules/catalogue/index.ts';
import { createBlobStore, publishDocument } from '../src/modules/documents/index.ts';
import { audited } from '../src/platform/audit/audit.ts';
import { writeCheckpoint } from '../src/platform/audit/checkpoints.ts';
import { verifyAudit } from '../src/platform/audit/verify-audit.ts';
import { loadConfig } from '../src/platform/config/config.ts';
import { masterKeysFor } from '../src/platform/crypto/master-keys.ts';
import type { Database } from '../src/platform/database/database.ts';
import { createLogger } from '../src/platform/logging/logger.ts';
import { buildApp } from '../src/runtime/build-app.ts';
import { createLocalPerson } from '../tests/support/factories.ts';
import { loggedInClient } from '../tests/support/http-client.ts';

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

export async function benchScaling(database: Database, options: { multipliers: number[]; dataDir: string }) {
  const { db } = database;
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
  let services = 0;
  let documents = 0;
  let variant = 1000;
  process.stdout.write('how cost grows with data (size, mean time of one)\n');
  for (const multiplier of options.multipliers) {
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
    // One person's account: 10 documents per multiplier.
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
    const client = await loggedInClient(app, email, password);
    note('my space (own documents)', documents, await averageMs(20, () => client.get('/my')));
    note('document list (own)', documents, await averageMs(20, () => client.get('/documents')));
    // The audit chain: 1,000 events per multiplier on top of what the rest wrote.
    for (let i = 0; i < 1000 * multiplier; i++)
      await audited(
        db,
        { actor: 'bench', action: 'bench.event', subjectType: 'bench', subjectId: String(i) },
        async () => undefined,
      );
    const events = Number(
      (
        await db
          .selectFrom('audit_events' as never)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    note('audit verify (whole chain)', events, await averageMs(1, () => verifyAudit(db, vault.keys)));
    await writeCheckpoint(db, vault.keys);
    note('audit checkpoint (new events)', events, await averageMs(3, () => writeCheckpoint(db, vault.keys)));
  }
  for (const [name, millis] of Object.entries(result.millis)) result.growth[name] = classifyGrowth(millis);
  process.stdout.write(`  growth: ${JSON.stringify(result.growth)}\n`);
  return result;
}
