import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

describe('the embedded PostgreSQL', () => {
  it('says once, before it is ready, that its own process runs (the CLI loads the application only then)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-embedded-'));
    const calls: ('starting' | 'ready')[] = [];
    let state: 'starting' | 'ready' = 'starting';
    try {
      const server = await startEmbeddedPostgres({
        dataDir,
        logger: createLogger('silent'),
        persistent: false,
        onProcessRunning: () => calls.push(state),
      });
      state = 'ready';
      await server.stop();
      expect(calls).toEqual(['starting']);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
