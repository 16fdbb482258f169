import { type Expression, type RawBuilder, sql } from 'kysely';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import type { Session } from '../../platform/http/session.ts';

/** What a logged-in session holds; the rest (names, accounts, roles) is read fresh on each request. */
export interface SessionAuth {
  personId: string;
  level: AssuranceLevel;
  provider: string;
  linkId: string;
  authTime: string;
  /** For the provider's logout. */
  idToken?: string;
  /** The provider's session id, which its back-channel logout names. */
  sid?: string;
}

const AUTH = 'auth';
const ACCOUNT = 'accountId';

export function sessionAuth(session: Session): SessionAuth | undefined {
  return session.get<SessionAuth>(AUTH);
}

/** Logs the person in: a new session id (no fixation), their own account as the current one. */
export function establishLogin(
  session: Session,
  auth: Omit<SessionAuth, 'authTime'>,
  accountId: string,
  userAgent: string | undefined,
): void {
  session.regenerate();
  session.setSubject(auth.personId, userAgent);
  session.set(AUTH, { ...auth, authTime: session.now.toISOString() });
  session.set(ACCOUNT, accountId);
}

export function currentAccountId(session: Session): string | undefined {
  return session.get<string>(ACCOUNT);
}

/** The account `currentAccountId` gives, as SQL over the session's stored `data` (text, unchecked). */
export function sessionAccountIdSql(data: Expression<unknown>): RawBuilder<string | null> {
  return sql<string | null>`(${data}->>${sql.lit(ACCOUNT)})`;
}

/** Switching account changes what the person acts on, so the session id changes too. */
export function switchAccount(session: Session, accountId: string): void {
  session.regenerate();
  session.set(ACCOUNT, accountId);
}
