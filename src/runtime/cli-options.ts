import type { parseArgs } from 'node:util';

/** The CLI's options, known before the application loads (the database opens meanwhile). */
export const cliOptions = {
  demo: { type: 'boolean' },
  'no-worker': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  authority: { type: 'string' },
  name: { type: 'string' },
  'redirect-uri': { type: 'string', multiple: true },
  scope: { type: 'string', multiple: true },
  checkpoint: { type: 'string' },
  scopes: { type: 'string' },
  mode: { type: 'string' },
  expires: { type: 'string' },
  grant: { type: 'string' },
  date: { type: 'string' },
  format: { type: 'string' },
} as const;

export type CliValues = ReturnType<
  typeof parseArgs<{ options: typeof cliOptions; allowPositionals: true }>
>['values'];
