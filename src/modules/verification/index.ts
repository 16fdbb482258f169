export type { VerificationResult, Verdict } from './verdict.ts';
export { verdicts } from './verdict.ts';
export type { VerificationSources } from './sources.ts';
