import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { StaffRole } from '../../platform/http/access.ts';
import { getForm } from '../forms/index.ts';
import type { CasesTables } from './tables.ts';
import { defaultWorkflow, requiredStatuses, type Workflow } from './workflow.ts';

const staffRoles: StaffRole[] = ['agent', 'serviceDesigner', 'authorityAdmin'];

/** The workflow of a form's requests: its own if a designer set one, else the default. */
export async function workflowFor(db: Db, formId: string): Promise<Workflow> {
  const row = await tablesOf<CasesTables>(db)
    .selectFrom('case_workflows')
    .select('definition')
    .where('form_id', '=', formId)
    .executeTakeFirst();
  return row?.definition ?? defaultWorkflow;
}

/** The workflows of several forms in one statement (a page of requests of different forms). */
export async function workflowsFor(db: Db, formIds: string[]): Promise<Map<string, Workflow>> {
  const rows = formIds.length
    ? await tablesOf<CasesTables>(db)
        .selectFrom('case_workflows')
        .select(['form_id', 'definition'])
        .where('form_id', 'in', formIds)
        .execute()
    : [];
  const found = new Map(rows.map((r) => [r.form_id, r.definition]));
  return new Map(formIds.map((id) => [id, found.get(id) ?? defaultWorkflow]));
}

/** A fee is either a fixed amount from CHF 0.01 to 1,000,000, or the amount of one named field. */
function feeAmountHolds(fee: { amountCents?: number; amountField?: string }): boolean {
  if (fee.amountField !== undefined)
    return fee.amountCents === undefined && /^[a-zA-Z][\w-]{0,63}$/.test(fee.amountField);
  return (
    Number.isInteger(fee.amountCents) && (fee.amountCents ?? 0) >= 1 && (fee.amountCents ?? 0) <= 100_000_000
  );
}

/** What is wrong with a workflow a designer saved: statuses it names must exist, the initial one too. */
export function workflowProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const ids = Object.keys(workflow.statuses);
  if (!ids.includes(workflow.initial)) problems.push('initial');
  for (const required of requiredStatuses) if (!ids.includes(required)) problems.push(`missing:${required}`);
  for (const [id, status] of Object.entries(workflow.statuses)) {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(id)) problems.push(`id:${id}`);
    if (!status.staffLabel?.fr) problems.push(`label:${id}`);
    if (
      status.timeout &&
      (!ids.includes(status.timeout.to) || status.timeout.days < 1 || status.timeout.days > 3650)
    )
      problems.push(`timeout:${id}`);
    if (
      status.payment &&
      (!ids.includes(status.payment.paidTo) ||
        status.payment.paidTo === id ||
        !feeAmountHolds(status.payment) ||
        !status.payment.purpose.fr ||
        (status.payment.otherFees ?? []).some(
          (fee) => !fee.authority || !feeAmountHolds({ amountCents: fee.amountCents }) || !fee.purpose.fr,
        ))
    )
      problems.push(`payment:${id}`);
  }
  for (const transition of workflow.transitions) {
    if (!ids.includes(transition.from) || !ids.includes(transition.to))
      problems.push(`transition:${transition.from}->${transition.to}`);
    if (transition.roles.length === 0 || transition.roles.some((r) => !staffRoles.includes(r)))
      problems.push(`roles:${transition.from}->${transition.to}`);
  }
  return problems;
}

/**
 * Saves a form's workflow, audited with what matters most in it: the fees
 * it asks, and which roles move requests.
 */
export async function saveWorkflow(db: Db, actor: string, formId: string, workflow: Workflow): Promise<void> {
  // As JSON reads them back (no `undefined`), so that the audit chain's hash holds.
  const fees = JSON.parse(
    JSON.stringify(
      Object.fromEntries(
        Object.entries(workflow.statuses).flatMap(([id, s]) => (s.payment ? [[id, s.payment]] : [])),
      ),
    ),
  ) as Record<string, unknown>;
  const roles = workflow.transitions.map((t) => ({ from: t.from, to: t.to, roles: t.roles }));
  const authorityId = (await getForm(db, formId))?.authorityId;
  await audited(
    db,
    {
      actor,
      action: 'case.workflow.save',
      subjectType: 'form',
      subjectId: formId,
      authorityId,
      details: { fees, roles },
    },
    (tx) =>
      tablesOf<CasesTables>(tx)
        .insertInto('case_workflows')
        .values({ form_id: formId, definition: workflow, updated_by: actor })
        .onConflict((oc) => oc.column('form_id').doUpdateSet({ definition: workflow, updated_by: actor }))
        .execute(),
  );
}

/** Which of these statuses requests of the form are in now. */
export async function statusesInUse(db: Db, formId: string, statuses: string[]): Promise<string[]> {
  if (statuses.length === 0) return [];
  const rows = await tablesOf<CasesTables>(db)
    .selectFrom('cases')
    .select('status')
    .distinct()
    .where('form_id', '=', formId)
    .where('status', 'in', statuses)
    .execute();
  return rows.map((r) => r.status);
}
