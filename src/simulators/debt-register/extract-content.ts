import type { Subject } from './search.ts';
import type { Proceeding, ProceedingStage } from './store.ts';

export type ExtractLanguage = 'fr' | 'de';

/** The structured document Guichet's API lays out, seals and signs (`POST …/issued-documents`). */
export interface ExtractDocument {
  type: 'extract';
  outcome: 'granted';
  language: ExtractLanguage;
  title: string;
  paragraphs: string[];
  sections: { heading?: string; fields: { label: string; value: string }[] }[];
  verifierFields: { n: string; b?: string; o: string };
}

const words = {
  fr: {
    title: 'Extrait du registre des poursuites',
    intro:
      'L’Office des poursuites du Valais certifie que son registre contient, pour le débiteur désigné ci-dessous, les inscriptions suivantes des cinq dernières années (art. 8a LP).',
    none: 'Aucune poursuite ni aucun acte de défaut de biens n’est inscrit au nom de ce débiteur.',
    note: 'Cet extrait ne porte que sur l’arrondissement de poursuite du domicile ou du siège indiqué.',
    subject: 'Débiteur',
    name: 'Nom',
    company: 'Raison sociale',
    born: 'Date de naissance',
    uid: 'Numéro IDE',
    seat: 'Siège',
    proceedings: 'Poursuites',
    count: (n: number) => (n === 0 ? 'Aucune poursuite' : n === 1 ? '1 poursuite' : `${n} poursuites`),
    stage: {
      payment_order: 'commandement de payer notifié',
      opposition: 'opposition formée',
      seizure: 'saisie en cours',
      paid: 'payée',
      loss_certificate: 'acte de défaut de biens',
    } satisfies Record<ProceedingStage, string>,
    number: 'Poursuite n°',
  },
  de: {
    title: 'Auszug aus dem Betreibungsregister',
    intro:
      'Das Betreibungsamt Wallis bescheinigt, dass sein Register für den unten genannten Schuldner folgende Einträge der letzten fünf Jahre enthält (Art. 8a SchKG).',
    none: 'Auf den Namen dieses Schuldners sind keine Betreibungen und keine Verlustscheine eingetragen.',
    note: 'Dieser Auszug betrifft nur den Betreibungskreis des angegebenen Wohnsitzes oder Sitzes.',
    subject: 'Schuldner',
    name: 'Name',
    company: 'Firma',
    born: 'Geburtsdatum',
    uid: 'UID-Nummer',
    seat: 'Sitz',
    proceedings: 'Betreibungen',
    count: (n: number) => (n === 0 ? 'Keine Betreibung' : n === 1 ? '1 Betreibung' : `${n} Betreibungen`),
    stage: {
      payment_order: 'Zahlungsbefehl zugestellt',
      opposition: 'Rechtsvorschlag erhoben',
      seizure: 'Pfändung hängig',
      paid: 'bezahlt',
      loss_certificate: 'Verlustschein',
    } satisfies Record<ProceedingStage, string>,
    number: 'Betreibung Nr.',
  },
} as const;

const swissDate = (iso: string) => iso.split('-').reverse().join('.');
/** CHF 1’845.50, with the Swiss typographic apostrophe. */
export function francs(cents: number): string {
  const whole = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '’');
  return `CHF ${whole}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * The extract in the register's own wording and order — debtor, then each proceeding with its
 * creditor, amount and stage — in the requester's language; the name, birth date and count of
 * proceedings are what a landlord's verification compares with the paper.
 */
export function extractContent(
  subject: Subject,
  proceedings: Proceeding[],
  language: ExtractLanguage,
): ExtractDocument {
  const w = words[language];
  const who =
    subject.kind === 'person'
      ? [
          { label: w.name, value: subject.name },
          ...(subject.dateOfBirth ? [{ label: w.born, value: swissDate(subject.dateOfBirth) }] : []),
        ]
      : [
          { label: w.company, value: subject.name },
          { label: w.uid, value: subject.uid },
          { label: w.seat, value: subject.seat },
        ];
  const listed = proceedings.map((p) => ({
    label: `${w.number} ${p.number} (${swissDate(p.started_on)})`,
    value: `${p.creditor} – ${francs(p.amount_cents)} – ${w.stage[p.stage]}`,
  }));
  return {
    type: 'extract',
    outcome: 'granted',
    language,
    title: w.title,
    paragraphs: [proceedings.length === 0 ? w.none : w.intro, w.note],
    sections: [
      { heading: w.subject, fields: who },
      ...(listed.length > 0 ? [{ heading: w.proceedings, fields: listed }] : []),
    ],
    verifierFields: {
      n: subject.name,
      ...(subject.kind === 'person' && subject.dateOfBirth ? { b: subject.dateOfBirth } : {}),
      o: w.count(proceedings.length),
    },
  };
}
