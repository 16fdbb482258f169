import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnGuichet } from '../support/spawn-guichet.ts';

let dataDir = '';
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** The port the embedded server listens on, from PostgreSQL's own lock file. */
function postgresPort(dir: string): number {
  return Number(readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3]);
}

// Whole processes start here (tsx, PostgreSQL): seconds each on a busy machine.
describe('npm start with the embedded PostgreSQL', { timeout: 120_000 }, () => {
  it('serves the demo, stops PostgreSQL cleanly on SIGTERM, and keeps the data across a restart', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'guichet-start-'));
    const first = await spawnGuichet(['start'], { GUICHET_DATA_DIR: dataDir });
    expect(await (await fetch(`${first.url}/communes/sion`)).text()).toContain('--brand:#a6192e');

    const client = new pg.Client({
      host: '127.0.0.1',
      port: postgresPort(dataDir),
      user: 'guichet',
      password: 'guichet-embedded',
      database: 'guichet',
    });
    await client.connect();
    // Every demo application connected before the server said it was running: Sion's parking app
    // has its OpenID client, which needs Sion found among the authorities the seed had just written.
    const sionApp = await client.query('select guichet_url from simulator_sion_app_settings');
    expect(sionApp.rows).toEqual([{ guichet_url: first.url }]);
    await client.query(`update authorities set primary_colour = '#7a1020' where slug = 'sion'`);
    await client.end();

    expect(await first.stop()).toBe(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await spawnGuichet(['start'], { GUICHET_DATA_DIR: dataDir });
    try {
      expect(await (await fetch(`${second.url}/communes/sion`)).text()).toContain('--brand:#7a1020');
    } finally {
      expect(await second.stop()).toBe(0);
    }
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });
});
