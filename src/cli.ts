import { parseArgs } from 'node:util';
import { loadConfig } from './platform/config/config.ts';
import { createLogger } from './platform/logging/logger.ts';
import { cliOptions } from './runtime/cli-options.ts';
import { openDatabase } from './runtime/open-database.ts';

/**
 * The commands import the whole application (about 1,600 modules, the largest part of a cold start).
 * Node loads ES modules synchronously, the event loop stopped meanwhile: the embedded PostgreSQL's own
 * process (initdb, then the server) is set going first, so that it works while the application loads.
 */
async function main(argv: string[]): Promise<number> {
  const commands = () => import('./runtime/commands.ts');
  // Before the database is opened: inspecting a payload needs none, and asks one only if reachable.
  if (argv[0] === 'qr') return (await commands()).qrCommand(argv.slice(1));
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: cliOptions });
  const [command, sub] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${(await commands()).usage}\n`);
    return command || values.help ? 0 : 1;
  }
  // `start` is the demo: the development identity provider and the simulators come with it.
  const config = loadConfig(command === 'start' ? { GUICHET_DEMO: 'true', ...process.env } : process.env);
  const logger = createLogger(config.logLevel);
  const postgresRunning = Promise.withResolvers<void>();
  const opening = openDatabase(config, logger, postgresRunning.resolve);
  await Promise.race([postgresRunning.promise, opening.catch(() => {})]);
  const [opened, loaded] = await Promise.allSettled([opening, commands()]);
  if (opened.status === 'rejected') throw opened.reason;
  const database = opened.value;
  try {
    if (loaded.status === 'rejected') throw loaded.reason;
    return await loaded.value.runCommand({ command, sub, positionals, values, config, logger, database });
  } finally {
    await database.shutdown();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
