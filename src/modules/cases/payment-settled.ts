import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { unsettledFrom } from '../payments/index.ts';
import { recordEvent, systemActor } from './cases.ts';
import { getCaseForJob } from './get-case.ts';
import { moveTo, statusAudit } from './move-request.ts';
import type { CasesTables } from './tables.ts';
import { workflowFor } from './workflow-store.ts';

const _tables = (db: Db) => tablesOf<CasesTables>(db);

/** A fee a status asked for is paid: the request moves on, if it still waits in that status. */
export async function paymentSettled(db: Db, job: { caseId: string; status: string }): Promise<void> {
  const target = await getCaseForJob(db, job.caseId);
  if (!target) return;
  const paidTo = (await workflowFor(db, target.form_id)).statuses[job.status]?.payment?.paidTo;
  // With fees of several authorities, the request waits for the last of them.
  const waiting = await unsettledFrom(db, target.account_id, `case:${target.id}:`);
  if (target.status === job.status && paidTo && waiting === 0)
    await moveTo(db, target, systemActor, paidTo, { kind: 'paid' });
  else
    await audited(db, { ...statusAudit(target, systemActor, target.status), action: 'case.paid' }, (tx) =>
      recordEvent(tx, target, systemActor, { kind: 'paid' }),
    );
}
