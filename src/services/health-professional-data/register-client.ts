import { type Db, tablesOf } from '../../platform/database/database.ts';

interface ConnectionTables {
  health_register_connection: { id: number; base_url: string | null; token: string | null };
}
const tables = (db: Db) => tablesOf<ConnectionTables>(db);

/** An entry of the health register, as its API answers it. */
export interface RegisterEntry {
  gln?: string;
  uid?: string;
  givenNames?: string;
  familyName?: string;
  name?: string;
  profession?: string;
  kind?: string;
  practiceAddress: { street: string; postcode: string; town: string };
  phone: string | null;
  email: string | null;
  languages: string[];
  sites: string[];
  practiceAuthorisation?: { since: string; reference: string | null } | null;
  billingAuthorisation?: { since: string; reference: string | null } | null;
  history: {
    item: string;
    old: string | null;
    new: string | null;
    reference: string | null;
    changedAt: string;
  }[];
}

/**
 * Records where the register answers and the token it gave Guichet; either may come on its own (the
 * token when the register is provisioned, the address once Guichet knows where it listens).
 */
export async function connectRegisterApi(
  db: Db,
  connection: { baseUrl?: string; token?: string },
): Promise<void> {
  const set = {
    ...(connection.baseUrl !== undefined && { base_url: connection.baseUrl }),
    ...(connection.token !== undefined && { token: connection.token }),
  };
  await tables(db)
    .insertInto('health_register_connection')
    .values({ id: 1, base_url: null, token: null, ...set })
    .onConflict((oc) => oc.column('id').doUpdateSet(set))
    .execute();
}

export class RegisterUnavailableError extends Error {}

/**
 * A professional's entry (by AVS number: the register knows whose GLN it is) or an institution's (by
 * UID); undefined when the register has none. A register that does not answer is an error the page
 * says as such, never an empty entry.
 */
export async function readRegisterEntry(
  db: Db,
  key: { avs: string } | { uid: string },
): Promise<RegisterEntry | undefined> {
  const connection = await tables(db)
    .selectFrom('health_register_connection')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirst();
  if (!connection?.base_url || !connection.token) throw new RegisterUnavailableError('not connected');
  const path =
    'avs' in key
      ? `/professionals?avs=${encodeURIComponent(key.avs)}`
      : `/institutions/${encodeURIComponent(key.uid)}`;
  let response: Response;
  try {
    response = await fetch(`${connection.base_url}${path}`, {
      headers: { authorization: `Bearer ${connection.token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    throw new RegisterUnavailableError(String(error));
  }
  if (response.status === 404) return undefined;
  if (!response.ok) throw new RegisterUnavailableError(`register answered ${response.status}`);
  return (await response.json()) as RegisterEntry;
}
