import { type Db, tablesOf } from '../../platform/database/database.ts';
import { systemActor } from './cases.ts';
import { moveTo } from './move-request.ts';
import type { CasesTables } from './tables.ts';
import { workflowFor } from './workflow-store.ts';

const tables = (db: Db) => tablesOf<CasesTables>(db);

/** Requests whose status timed out move on by themselves; `now` is a parameter so tests set the clock. */
export async function applyTimeouts(db: Db, now = new Date()): Promise<number> {
  let moved = 0;
  const forms = await tables(db).selectFrom('cases').select('form_id').distinct().execute();
  for (const { form_id } of forms) {
    const workflow = await workflowFor(db, form_id);
    for (const [status, definition] of Object.entries(workflow.statuses)) {
      if (!definition.timeout) continue;
      const due = await tables(db)
        .selectFrom('cases')
        .selectAll()
        .where('form_id', '=', form_id)
        .where('status', '=', status)
        .where('status_changed_at', '<', new Date(now.getTime() - definition.timeout.days * 86_400_000))
        .execute();
      for (const target of due) {
        await moveTo(db, target, systemActor, definition.timeout.to, {
          kind: 'status',
          text: `timeout:${definition.timeout.days}`,
        });
        moved += 1;
      }
    }
  }
  return moved;
}
