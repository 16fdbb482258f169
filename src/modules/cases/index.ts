export { applyTimeouts, getCase, listForAccount, openFromSubmission } from './cases.ts';
export { defaultWorkflow, type Workflow } from './workflow.ts';
export { saveWorkflow } from './workflow-store.ts';
