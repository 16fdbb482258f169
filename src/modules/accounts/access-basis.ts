import type { Translate } from '../../platform/i18n/messages.ts';
import type { listAccess } from './access-log.ts';
import type { accountMessages } from './messages.ts';

type Entry = Awaited<ReturnType<typeof listAccess>>[number];
type T = ReturnType<typeof accountMessages.translator> extends Translate<infer K> ? Translate<K> : never;

export const viaKeys = {
  holder: 'viaHolder',
  member: 'viaMember',
  mandate: 'viaMandate',
  staff: 'viaStaff',
  api: 'viaApi',
  support: 'viaSupport',
} as const;

const roleKeys = {
  agent: 'roleAgent',
  serviceDesigner: 'roleServiceDesigner',
  authorityAdmin: 'roleAuthorityAdmin',
} as const;

/** The legal basis of an access, in words: the mandate, the authority and role, or the API key. */
export function basisOf(t: T, entry: Entry, authorityName: (id: string) => string): string {
  const authority = entry.authorityId ? authorityName(entry.authorityId) : '';
  if (entry.via === 'mandate' && entry.mandateId)
    return t('basisMandate', { mandate: entry.mandateId.slice(0, 8) });
  if (entry.via === 'api') return t('basisApi', { authority, key: entry.personId.slice(0, 8) });
  if (entry.via === 'staff' && entry.basis) {
    const roles = entry.basis
      .split(', ')
      .map((role) => (role in roleKeys ? t(roleKeys[role as keyof typeof roleKeys]) : role))
      .join(', ');
    return t('basisStaff', { authority, roles });
  }
  return authority ? t('basisAuthority', { authority }) : '';
}
