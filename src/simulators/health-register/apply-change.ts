import type { Db } from '../../platform/database/database.ts';
import { type Institution, type Professional, register } from './store.ts';

/** One line of an announced change, as the change form's table holds it. */
export interface ChangeRow {
  item?: string;
  current?: string;
  proposed?: string;
}

type Entry = Pick<
  Professional | Institution,
  'street' | 'postcode' | 'town' | 'phone' | 'email' | 'languages' | 'sites'
>;

export const formatAddress = (e: Pick<Entry, 'street' | 'postcode' | 'town'>) =>
  `${e.street}, ${e.postcode} ${e.town}`;

/** "Rue du Rhône 21, 1950 Sion" → its parts; undefined when it is not an address of that shape. */
export function parseAddress(text: string): { street: string; postcode: string; town: string } | undefined {
  const match = text.trim().match(/^(.+?),\s*(\d{4})\s+(.+)$/);
  return match?.[1] && match[2] && match[3]
    ? { street: match[1].trim(), postcode: match[2], town: match[3].trim() }
    : undefined;
}

const parseLanguages = (text: string) =>
  [
    ...new Set(
      text
        .toLowerCase()
        .split(/[\s,;]+/)
        .filter((l) => /^[a-z]{2}$/.test(l)),
    ),
  ].sort();

/**
 * What the register's entry becomes with the announced lines: each line's new value is checked
 * against the register's rules (an address "street, postcode town", two-letter languages); a line that
 * breaks them, or changes nothing, is left out and named. Old values are the register's own, whatever
 * the announcement said they were.
 */
export function plannedChanges(entry: Entry, rows: ChangeRow[]) {
  const set: Partial<Entry> = {};
  const changes: { item: string; old: string | null; new: string }[] = [];
  const refused: string[] = [];
  for (const row of rows) {
    const item = row.item ?? '';
    const proposed = (row.proposed ?? '').trim();
    if (!proposed) continue;
    if (item === 'address') {
      const address = parseAddress(proposed);
      if (!address) refused.push(item);
      else if (formatAddress(address) !== formatAddress(entry)) {
        Object.assign(set, address);
        changes.push({ item, old: formatAddress(entry), new: formatAddress(address) });
      }
    } else if (item === 'phone' || item === 'email') {
      if (item === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(proposed)) refused.push(item);
      else if (proposed !== entry[item]) {
        set[item] = proposed;
        changes.push({ item, old: entry[item], new: proposed });
      }
    } else if (item === 'languages') {
      const languages = parseLanguages(proposed);
      if (languages.length === 0) refused.push(item);
      else if (languages.join(', ') !== [...entry.languages].sort().join(', ')) {
        set.languages = languages;
        changes.push({ item, old: entry.languages.join(', '), new: languages.join(', ') });
      }
    } else if (item === 'newSite') {
      const address = parseAddress(proposed);
      if (!address) refused.push(item);
      else if (!entry.sites.includes(formatAddress(address))) {
        set.sites = [...entry.sites, formatAddress(address)];
        changes.push({ item, old: null, new: formatAddress(address) });
      }
    } else refused.push(item);
  }
  return { set, changes, refused };
}

/**
 * Writes an accepted announcement to the entry, with one history line per changed item, once: a
 * webhook delivered again finds the request's lines already there and changes nothing.
 */
export async function applyChange(
  db: Db,
  target: { kind: 'gln' | 'uid'; id: string },
  request: { id: string; reference: string },
  rows: ChangeRow[],
): Promise<{ applied: string[]; refused: string[] } | undefined> {
  return db.transaction().execute(async (tx) => {
    const entryKey = `${target.kind}:${target.id}`;
    const done = await register(tx)
      .selectFrom('simulator_health_register_changes')
      .select('item')
      .where('request_id', '=', request.id)
      .execute();
    if (done.length > 0) return { applied: done.map((d) => d.item), refused: [] };
    const entry =
      target.kind === 'gln'
        ? await register(tx)
            .selectFrom('simulator_health_professionals')
            .selectAll()
            .where('gln', '=', target.id)
            .forUpdate()
            .executeTakeFirst()
        : await register(tx)
            .selectFrom('simulator_health_institutions')
            .selectAll()
            .where('uid', '=', target.id)
            .forUpdate()
            .executeTakeFirst();
    if (!entry) return undefined;
    const { set, changes, refused } = plannedChanges(entry, rows);
    if (changes.length === 0) return { applied: [], refused };
    if (target.kind === 'gln')
      await register(tx)
        .updateTable('simulator_health_professionals')
        .set(set)
        .where('gln', '=', target.id)
        .execute();
    else
      await register(tx)
        .updateTable('simulator_health_institutions')
        .set(set)
        .where('uid', '=', target.id)
        .execute();
    await register(tx)
      .insertInto('simulator_health_register_changes')
      .values(
        changes.map((change) => ({
          entry: entryKey,
          item: change.item,
          old_value: change.old,
          new_value: change.new,
          request_id: request.id,
          reference: request.reference,
        })),
      )
      .execute();
    return { applied: changes.map((c) => c.item), refused };
  });
}
