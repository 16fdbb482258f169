import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Mandate } from './mandates.ts';
import type { MandatePermission, MandatesTables, MandateTheme } from './tables.ts';

const today = (now: Date) => now.toISOString().slice(0, 10);

function inForce(mandate: Mandate, on: string): boolean {
  return (
    mandate.state === 'active' &&
    mandate.valid_from <= on &&
    (mandate.valid_to === null || mandate.valid_to >= on)
  );
}

/**
 * The mandate that lets `personId` act for the account on `theme` with `permission`, if any. Read
 * fresh on every check, so a revocation counts from the agent's next request. A delegated mandate
 * counts only while every link of its chain is in force and each parent gave the right to grant.
 */
export async function mandateFor(
  db: Db,
  check: { personId: string; principalAccountId: string; theme: MandateTheme; permission: MandatePermission },
  now = new Date(),
): Promise<Mandate | undefined> {
  const on = today(now);
  const mandates = tablesOf<MandatesTables>(db);
  const candidates = await mandates
    .selectFrom('mandates')
    .selectAll()
    .where('agent_person_id', '=', check.personId)
    .where('principal_account_id', '=', check.principalAccountId)
    .where('state', '=', 'active')
    .execute();
  for (const mandate of candidates) {
    if (
      !inForce(mandate, on) ||
      !mandate.themes.includes(check.theme) ||
      !mandate.permissions.includes(check.permission)
    )
      continue;
    if (await chainInForce(db, mandate, on)) return mandate;
  }
  return undefined;
}

async function chainInForce(db: Db, mandate: Mandate, on: string): Promise<boolean> {
  let current = mandate;
  for (let depth = 0; current.parent_id; depth++) {
    if (depth > 10) return false; // no honest chain is this long
    const parent = await tablesOf<MandatesTables>(db)
      .selectFrom('mandates')
      .selectAll()
      .where('id', '=', current.parent_id)
      .executeTakeFirst();
    if (!parent || !inForce(parent, on) || !parent.may_delegate) return false;
    current = parent;
  }
  return true;
}

/** Every principal account the person holds an in-force mandate for: the "act for" list. */
export async function principalsOf(
  db: Db,
  personId: string,
  now = new Date(),
): Promise<{ accountId: string; mandate: Mandate }[]> {
  const on = today(now);
  const rows = await tablesOf<MandatesTables>(db)
    .selectFrom('mandates')
    .selectAll()
    .where('agent_person_id', '=', personId)
    .where('state', '=', 'active')
    .execute();
  const found: { accountId: string; mandate: Mandate }[] = [];
  for (const mandate of rows) {
    if (inForce(mandate, on) && (await chainInForce(db, mandate, on)))
      found.push({ accountId: mandate.principal_account_id, mandate });
  }
  return found;
}

/** The people who may currently act for the account on `theme` with `permission` (e.g. to be told of a document). */
export async function agentsFor(
  db: Db,
  principalAccountId: string,
  theme: MandateTheme,
  permission: MandatePermission,
  now = new Date(),
): Promise<string[]> {
  const rows = await tablesOf<MandatesTables>(db)
    .selectFrom('mandates')
    .select('agent_person_id')
    .where('principal_account_id', '=', principalAccountId)
    .where('state', '=', 'active')
    .where('agent_person_id', 'is not', null)
    .execute();
  const people = [...new Set(rows.map((r) => r.agent_person_id as string))];
  const allowed = await Promise.all(
    people.map(async (personId) =>
      (await mandateFor(db, { personId, principalAccountId, theme, permission }, now)) ? personId : undefined,
    ),
  );
  return allowed.filter((p): p is string => p !== undefined);
}
