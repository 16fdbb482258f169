import type { Debtor } from './store.ts';

/** Whom an extract is about, as Guichet's API describes the requester's account. */
export type Subject =
  | { kind: 'person'; avs: string; name: string; dateOfBirth: string | null }
  | { kind: 'organisation'; uid: string; name: string; seat: string };

/**
 * What the register finds: the debtor entries that are the subject's for sure, and entries that
 * may be theirs — same name, no AVS number and no birth date to tell them apart — which an agent
 * must check before any extract is issued.
 */
export interface Finding {
  sure: number[];
  homonyms: number[];
}

const digits = (value: string) => value.replace(/\D/g, '');
const uidKey = (value: string) => value.toUpperCase().replace(/[^A-Z0-9]/g, '');
/** Names compared as clerks do: without accents, case or extra spaces (Müller = Muller). */
export const nameKey = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();

export function searchRegister(debtors: Debtor[], subject: Subject): Finding {
  if (subject.kind === 'organisation') {
    const uid = uidKey(subject.uid);
    return { sure: debtors.filter((d) => d.uid && uidKey(d.uid) === uid).map((d) => d.id), homonyms: [] };
  }
  const avs = digits(subject.avs);
  const name = nameKey(subject.name);
  const sure: number[] = [];
  const homonyms: number[] = [];
  for (const debtor of debtors) {
    if (debtor.uid) continue;
    if (debtor.avs) {
      if (digits(debtor.avs) === avs) sure.push(debtor.id);
    } else if (nameKey(debtor.name) === name) {
      // Another birth date is another person; an unknown one cannot be told apart.
      if (debtor.date_of_birth === null) homonyms.push(debtor.id);
      else if (debtor.date_of_birth === subject.dateOfBirth) sure.push(debtor.id);
    }
  }
  return { sure, homonyms };
}
