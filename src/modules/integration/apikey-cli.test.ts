import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outsideDemo } from '../../../tests/support/spawn-guichet.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/test-database.ts';
import { seedDemo } from '../../seed/demo.ts';
import { apiClientFromHeader } from './api-key-auth.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/guichet.js');
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(() => database.drop());

const guichet = (args: string[]) =>
  promisify(execFile)(process.execPath, [bin, ...args], {
    env: {
      ...process.env,
      ...outsideDemo,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      MASTER_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
    },
  });

describe('guichet apikey create', () => {
  it('prints a scoped, expiring key once', async () => {
    const { stdout } = await guichet([
      'apikey',
      'create',
      '--authority',
      'sion',
      '--name',
      'Registre',
      '--scopes',
      'requests:read,documents:write',
      '--expires',
      '2099-12-31',
    ]);
    const key = stdout.match(/^api_key=(gk_live_[\w-]{43})$/m)?.[1] ?? '';
    const actor = await apiClientFromHeader(database.db, `Bearer ${key}`, { acceptTestKeys: false });
    expect(actor?.scopes).toEqual(['requests:read', 'documents:write']);
    expect(
      await apiClientFromHeader(database.db, `Bearer ${key}`, {
        acceptTestKeys: false,
        now: new Date('2100-01-02'),
      }),
    ).toBeNull();
  });

  it('refuses scopes that do not exist', async () => {
    await expect(
      guichet(['apikey', 'create', '--authority', 'sion', '--name', 'X', '--scopes', 'everything:write']),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('Unknown scopes: everything:write') });
  });
});
