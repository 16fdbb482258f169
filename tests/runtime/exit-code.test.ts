import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('the process exit code', () => {
  it('is not reset to 0 by the embedded PostgreSQL package once loaded (a failing run must fail CI)', () => {
    const script = `await import(${JSON.stringify(path.join(root, 'src/platform/database/embedded-postgres.ts'))}); process.exitCode = 3;`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
  });
});
