import type { Db } from '../../platform/database/database.ts';
import type { Workflow } from './workflow.ts';
import { type NewStatus, type PostedWorkflow, workflowFromForm } from './workflow-form.ts';
import { saveWorkflow, statusesInUse, workflowFor, workflowProblems } from './workflow-store.ts';

export type WorkflowUpdate =
  | { saved: Workflow }
  | { problems: string[]; workflow: Workflow; newStatus?: NewStatus };

/**
 * What a designer's save of the workflow page does: the edited workflow, with the status they add,
 * is saved (audited) if it holds together; else the problems, and the workflow as edited to show
 * again. A status requests are in is kept: they would have nowhere to go.
 */
export async function updateWorkflow(
  db: Db,
  actor: string,
  formId: string,
  posted: PostedWorkflow,
): Promise<WorkflowUpdate> {
  const current = await workflowFor(db, formId);
  const { workflow, removed, newStatus } = workflowFromForm(current, posted);
  const problems: string[] = [];
  for (const id of await statusesInUse(db, formId, removed)) {
    problems.push(`in-use:${id}`);
    workflow.statuses[id] = current.statuses[id] as Workflow['statuses'][string];
  }
  if (newStatus && current.statuses[newStatus.id]) problems.push(`exists:${newStatus.id}`);
  const saved: Workflow =
    newStatus && problems.length === 0
      ? {
          ...workflow,
          statuses: {
            ...workflow.statuses,
            [newStatus.id]: {
              staffLabel: newStatus.staffLabel ?? { fr: '' },
              citizenLabel: newStatus.citizenLabel,
            },
          },
        }
      : workflow;
  problems.push(...workflowProblems(saved));
  if (problems.length > 0) return { problems, workflow, newStatus };
  await saveWorkflow(db, actor, formId, saved);
  return { saved };
}
