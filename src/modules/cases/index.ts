export { applyTimeouts } from './apply-timeouts.ts';
export { listForAccount } from './cases.ts';
export { getCaseOfAccount, getCaseOfAuthority, requiredLevelOfRequest } from './get-case.ts';
export { type NextSteps, nextStepsOf } from './next-steps.ts';
export { openFromSubmission } from './open-from-submission.ts';
export { defaultWorkflow, type Workflow } from './workflow.ts';
export { saveWorkflow } from './workflow-store.ts';
