import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { crontab } from '../jobs/job-names.ts';
import { audited } from './audit.ts';

let app: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  app = await createTestApp(); // the demo seed leaves audit events behind
});
afterAll(() => app.close());

async function runJob() {
  const handler = app.jobs['audit:write-checkpoint'];
  if (!handler) throw new Error('no audit:write-checkpoint handler');
  await handler({} as never, {} as never);
}

const checkpoints = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from audit_checkpoints`.execute(app.database.db))
    .rows[0]?.n;

describe('the audit:write-checkpoint job', () => {
  it('runs every 5 minutes', () => {
    expect(crontab).toContain('*/5 * * * * audit:write-checkpoint');
  });

  it('signs the head and logs the checkpoint, the copy kept outside the database', async () => {
    const info = vi.spyOn(app.platform.logger, 'info');
    await runJob();
    expect(await checkpoints()).toBe(1);
    expect(info).toHaveBeenCalledWith(
      { auditCheckpoint: expect.objectContaining({ seq: 1, mac: expect.stringMatching(/^[0-9a-f]{64}$/) }) },
      'audit checkpoint',
    );
  });

  it('signs nothing and raises the alarm when the chain was tampered with', async () => {
    await audited(
      app.database.db,
      { actor: 'cli', action: 'test', subjectType: 't', subjectId: '1' },
      async () => 1,
    );
    await app.database.db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql`update audit_events set actor = 'someone' where id = (select max(id) from audit_events)`.execute(
        tx,
      );
    });
    const fatal = vi.spyOn(app.platform.logger, 'fatal');
    await runJob();
    expect(await checkpoints()).toBe(1);
    expect(fatal).toHaveBeenCalledWith(
      { audit: [expect.stringContaining('edited')] },
      'audit trail broken: not signed',
    );
  });
});
