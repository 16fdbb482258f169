export { inspectQr, inspectUsage, type QrInspection, runQrInspect } from './inspect-qr.ts';
export type { VerificationSources } from './sources.ts';
export type { Verdict, VerificationResult } from './verdict.ts';
export { verdicts } from './verdict.ts';
