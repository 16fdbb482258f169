import type { GuichetModule } from '../../platform/module.ts';

/**
 * The debt-collection register extract (Service des poursuites et faillites): configuration only — a
 * form, a workflow with its fee, a catalogue entry (`setUpDebtExtract`) — answered by the office's
 * register application through the API (src/simulators/debt-register in the demo).
 */
export const debtExtractService: GuichetModule = { name: 'debt-extract' };

export { debtExtractSlug, setUpDebtExtract } from './set-up.ts';
