import type { StaffRole } from '../../platform/http/access.ts';
import type { LocalisedText } from '../../platform/i18n/locales.ts';

/**
 * A request's workflow, as data: statuses (with what the citizen reads, or nothing when hidden),
 * transitions (who may make them), time-outs and what happens on entering a status. Services may get
 * their own; `defaultWorkflow` ships.
 */
export interface Workflow {
  initial: string;
  statuses: Record<
    string,
    {
      /** What the citizen reads; a status without it shows the citizen the last visible one. */
      citizenLabel?: LocalisedText;
      staffLabel: LocalisedText;
      final?: boolean;
      /** The citizen may withdraw the request while in this status. */
      withdrawable?: boolean;
      /** The citizen is expected to answer (a complement). */
      awaitsCitizen?: boolean;
      /** Moves on by itself after this many days without change. */
      timeout?: { days: number; to: string };
      /** On entering: tell the requester (content-free) that the request moved. */
      notify?: boolean;
      /**
       * On entering: a PDF letter made from this text, in the requester's language, is placed in their
       * documents.
       * Placeholders: {reference}, {request}, {requester}, {date}, {submitted}; as a decision, {outcome}.
       * A clerk may also decide with it (`decisionTemplates`). `issuedAs: 'authorisation'` issues it as
       * an authorisation (checked as such, and into the e-ID wallet where the authority offers it);
       * refusals made from it stay decisions.
       */
      letter?: { title: LocalisedText; text: LocalisedText; issuedAs?: 'authorisation' };
      /**
       * On entering: the requester is asked to pay a fee online — a fixed amount, or the francs a field
       * of the form holds (e.g. computed from the number of dogs); once paid, or when there is nothing
       * to pay, the request moves to `paidTo`.
       */
      payment?: {
        amountCents?: number;
        amountField?: string;
        purpose: LocalisedText;
        paidTo: string;
        /**
         * Fees of other authorities asked in the same step (the canton's fee of a communal procedure),
         * each paid to its own authority; the request moves on once every fee is paid. The designer's
         * page keeps them as they are (it does not edit them yet).
         */
        otherFees?: { authority: string; amountCents: number; purpose: LocalisedText }[];
      };
    }
  >;
  transitions: {
    from: string;
    to: string;
    roles: StaffRole[];
    label: LocalisedText;
    /**
     * Taken by itself on entering `from` when this JSON Logic rule holds on the answers
     * (e.g. `{"==": [{"var": "urgent"}, true]}`); staff roles then do not matter.
     */
    auto?: unknown;
  }[];
}

const staff: StaffRole[] = ['agent', 'authorityAdmin'];

export const defaultWorkflow: Workflow = {
  initial: 'submitted',
  statuses: {
    submitted: {
      citizenLabel: { fr: 'Reçue', de: 'Eingegangen', en: 'Received' },
      staffLabel: { fr: 'Nouvelle', de: 'Neu', en: 'New' },
      withdrawable: true,
    },
    in_progress: {
      citizenLabel: { fr: 'En traitement', de: 'In Bearbeitung', en: 'In progress' },
      staffLabel: { fr: 'En traitement', de: 'In Bearbeitung', en: 'In progress' },
      withdrawable: true,
      notify: true,
    },
    awaiting_complement: {
      citizenLabel: { fr: 'Complément demandé', de: 'Ergänzung verlangt', en: 'Complement requested' },
      staffLabel: { fr: 'Attend un complément', de: 'Wartet auf Ergänzung', en: 'Awaiting complement' },
      withdrawable: true,
      awaitsCitizen: true,
      timeout: { days: 30, to: 'closed' },
      notify: true,
    },
    granted: {
      citizenLabel: { fr: 'Acceptée', de: 'Gutgeheissen', en: 'Granted' },
      staffLabel: { fr: 'Décidée : acceptée', de: 'Entschieden: gutgeheissen', en: 'Decided: granted' },
      notify: true,
    },
    refused: {
      citizenLabel: { fr: 'Refusée', de: 'Abgelehnt', en: 'Refused' },
      staffLabel: { fr: 'Décidée : refusée', de: 'Entschieden: abgelehnt', en: 'Decided: refused' },
      notify: true,
    },
    closed: {
      citizenLabel: { fr: 'Close', de: 'Abgeschlossen', en: 'Closed' },
      staffLabel: { fr: 'Close', de: 'Abgeschlossen', en: 'Closed' },
      final: true,
      notify: true,
    },
    withdrawn: {
      citizenLabel: { fr: 'Retirée', de: 'Zurückgezogen', en: 'Withdrawn' },
      staffLabel: {
        fr: 'Retirée par le demandeur',
        de: 'Vom Gesuchsteller zurückgezogen',
        en: 'Withdrawn by the requester',
      },
      final: true,
    },
  },
  transitions: [
    {
      from: 'submitted',
      to: 'in_progress',
      roles: staff,
      label: { fr: 'Prendre en traitement', de: 'In Bearbeitung nehmen', en: 'Start processing' },
    },
    { from: 'granted', to: 'closed', roles: staff, label: { fr: 'Clore', de: 'Abschliessen', en: 'Close' } },
    { from: 'refused', to: 'closed', roles: staff, label: { fr: 'Clore', de: 'Abschliessen', en: 'Close' } },
  ],
};

/** Statuses the request page's own actions need: a designer may re-word them, not remove them. */
export const requiredStatuses = ['in_progress', 'awaiting_complement', 'granted', 'refused', 'withdrawn'];

/** Statuses entered by the dedicated actions (complement, decision), not by plain transitions. */
export const actionStatuses = {
  complement: 'awaiting_complement',
  answered: 'in_progress',
  granted: 'granted',
  refused: 'refused',
  withdrawn: 'withdrawn',
} as const;
