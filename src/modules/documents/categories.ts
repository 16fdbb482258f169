import type { LocalisedText } from '../../platform/i18n/locales.ts';

/**
 * Kinds of documents with how long they are kept and whether the owner may delete them earlier.
 * Decisions, invoices and tax documents are kept for the legal ten years whatever the owner wishes.
 */
export const documentCategories = {
  decision: {
    retentionYears: 10,
    ownerMayDelete: false,
    label: { fr: 'Décision', de: 'Verfügung', en: 'Decision' },
  },
  extract: { retentionYears: 1, ownerMayDelete: true, label: { fr: 'Extrait', de: 'Auszug', en: 'Extract' } },
  certificate: {
    retentionYears: 5,
    ownerMayDelete: true,
    label: { fr: 'Attestation', de: 'Bescheinigung', en: 'Certificate' },
  },
  invoice: {
    retentionYears: 10,
    ownerMayDelete: false,
    label: { fr: 'Facture', de: 'Rechnung', en: 'Invoice' },
  },
  tax: { retentionYears: 10, ownerMayDelete: false, label: { fr: 'Impôts', de: 'Steuern', en: 'Taxes' } },
  correspondence: {
    retentionYears: 2,
    ownerMayDelete: true,
    label: { fr: 'Courrier', de: 'Korrespondenz', en: 'Correspondence' },
  },
} as const satisfies Record<
  string,
  { retentionYears: number; ownerMayDelete: boolean; label: LocalisedText }
>;

export type DocumentCategory = keyof typeof documentCategories;

export function isDocumentCategory(value: unknown): value is DocumentCategory {
  return typeof value === 'string' && Object.hasOwn(documentCategories, value);
}

/** The last day a document of this category is kept, counted from its issue date. */
export function retainUntil(category: DocumentCategory, issuedOn: Date): string {
  const until = new Date(issuedOn);
  until.setUTCFullYear(until.getUTCFullYear() + documentCategories[category].retentionYears);
  return until.toISOString().slice(0, 10);
}
