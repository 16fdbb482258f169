import type { RegisterEntry } from './register-client.ts';

const address = (a: RegisterEntry['practiceAddress']) => `${a.street}, ${a.postcode} ${a.town}`;

/**
 * The answers an announcement starts from: whose entry, and each item's register value twice —
 * as it is, and as the new value the person edits (what stays the same is left as it is).
 */
export function announcementStart(entry: RegisterEntry): Record<string, unknown> {
  const rows = [
    ['address', address(entry.practiceAddress)],
    ['phone', entry.phone ?? ''],
    ['email', entry.email ?? ''],
    ['languages', entry.languages.join(', ')],
    ['newSite', ''],
  ].map(([item, value]) => ({ item, current: value, proposed: value }));
  return { ...(entry.uid ? { uid: entry.uid } : { gln: entry.gln }), changes: rows };
}
