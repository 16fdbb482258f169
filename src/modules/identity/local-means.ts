import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { audited } from '../../platform/audit/audit.ts';
import { type MasterKey, openText, sealText } from '../../platform/crypto/master-keys.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import type { IdentityTables } from './tables.ts';

/** The built-in means counts at most as "substantial": with its second factor; "low" without. */
export const localLevel = (hasSecondFactor: boolean): AssuranceLevel =>
  hasSecondFactor ? 'substantial' : 'low';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, email: string): string {
  return new OTPAuth.TOTP({
    issuer: 'Guichet',
    label: email,
    secret: OTPAuth.Secret.fromBase32(secret),
    period: PERIOD,
  }).toString();
}

/** The time step a code belongs to (±1 step of clock drift), or undefined when it is wrong. */
export function totpStep(secret: string, code: string, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), period: PERIOD });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD) + delta;
}

/** TOTP seeds are kept sealed with the master key, bound to their person (a row copied elsewhere fails). */
const sealTotp = (keys: MasterKey[], personId: string, secret: string) =>
  sealText(keys, secret, `totp:${personId}`);

/** Adds e-mail + password (+ TOTP) as a means of a person already identified by another one. */
export async function createLocalMeans(
  db: Db,
  keys: MasterKey[],
  personId: string,
  input: { email: string; password: string; totp: { secret: string; step: number } | null },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await audited(
    db,
    {
      actor: `person:${personId}`,
      action: 'identity.local.create',
      subjectType: 'person',
      subjectId: personId,
      details: { totp: Boolean(input.totp) },
    },
    async (tx) => {
      const identity = tablesOf<IdentityTables>(tx);
      const taken = await identity
        .selectFrom('local_credentials')
        .select('person_id')
        .where(sql`lower(email)`, '=', input.email.toLowerCase())
        .executeTakeFirst();
      if (taken) throw new HttpError(409, 'email_taken');
      const credential = await identity
        .insertInto('local_credentials')
        .values({
          person_id: personId,
          email: input.email,
          password_hash: passwordHash,
          totp_secret: input.totp ? sealTotp(keys, personId, input.totp.secret) : null,
          totp_last_step: input.totp?.step ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await identity
        .insertInto('identity_links')
        .values({
          person_id: personId,
          provider: 'local',
          subject: credential.id,
          level: localLevel(Boolean(input.totp)),
        })
        .execute();
    },
  );
}

export interface PasswordCheck {
  credentialId: string;
  personId: string;
  totpRequired: boolean;
}

/** Checks e-mail and password; an unknown e-mail costs the same time as a wrong password. */
export async function checkPassword(
  db: Db,
  email: string,
  password: string,
): Promise<PasswordCheck | undefined> {
  const credential = await tablesOf<IdentityTables>(db)
    .selectFrom('local_credentials')
    .select(['id', 'person_id', 'password_hash', 'totp_secret'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(password, credential?.password_hash ?? (await decoyHash));
  if (!credential || !ok) return undefined;
  return {
    credentialId: credential.id,
    personId: credential.person_id,
    totpRequired: credential.totp_secret !== null,
  };
}

/**
 * A second-factor code: accepted, wrong, or right but already used (its time step is burnt, e.g. by the
 * registration a moment ago), which people are told apart so they wait for the next one.
 */
export type TotpOutcome = 'accepted' | 'wrong' | 'used';

/** Checks a TOTP code and burns its time step, so the same code cannot be replayed. */
export async function checkTotp(
  db: Db,
  keys: MasterKey[],
  credentialId: string,
  code: string,
  now: Date,
): Promise<TotpOutcome> {
  const identity = tablesOf<IdentityTables>(db);
  const credential = await identity
    .selectFrom('local_credentials')
    .select(['totp_secret', 'person_id'])
    .where('id', '=', credentialId)
    .executeTakeFirst();
  if (!credential?.totp_secret) return 'wrong';
  // Sealed seeds read `keyId.…`; a base32 seed (no dot) was stored before sealing began.
  const seed = credential.totp_secret.includes('.')
    ? openText(keys, credential.totp_secret, `totp:${credential.person_id}`)
    : credential.totp_secret;
  const step = totpStep(seed, code, now.getTime());
  if (step === undefined) return 'wrong';
  const updated = await identity
    .updateTable('local_credentials')
    .set({ totp_last_step: step })
    .where('id', '=', credentialId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1 ? 'accepted' : 'used';
}

export interface Registration {
  givenNames: string;
  familyName: string;
  email: string;
  password: string;
  language: 'fr' | 'de' | 'en';
  totp: { secret: string; step: number };
}

/**
 * A person without an electronic identity registers with e-mail, password and a second factor. The
 * verification mail is enqueued in the same transaction: registered means the mail will go out.
 */
export async function registerLocalPerson(
  db: Db,
  keys: MasterKey[],
  input: Registration,
): Promise<{ personId: string; credentialId: string }> {
  const passwordHash = await hashPassword(input.password);
  const registered = (r: { personId: string }) => ({
    actor: `person:${r.personId}`,
    action: 'person.register',
    subjectType: 'person',
    subjectId: r.personId,
  });
  return audited(db, registered, async (tx) => {
    const identity = tablesOf<IdentityTables>(tx);
    const taken = await identity
      .selectFrom('local_credentials')
      .select('id')
      .where(sql`lower(email)`, '=', input.email.toLowerCase())
      .executeTakeFirst();
    if (taken) throw new HttpError(409, 'email_taken');
    const person = await identity
      .insertInto('persons')
      .values({
        given_names: input.givenNames,
        family_name: input.familyName,
        country: 'CH',
        email: input.email,
        preferred_language: input.language,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const credential = await identity
      .insertInto('local_credentials')
      .values({
        person_id: person.id,
        email: input.email,
        password_hash: passwordHash,
        totp_secret: sealTotp(keys, person.id, input.totp.secret),
        totp_last_step: input.totp.step,
        email_verified_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await identity
      .insertInto('identity_links')
      .values({ person_id: person.id, provider: 'local', subject: credential.id, level: localLevel(true) })
      .execute();
    await enqueue(tx, 'identity:send-email-verification', {
      credentialId: credential.id,
      locale: input.language,
    });
    return { personId: person.id, credentialId: credential.id };
  });
}

export interface CredentialInfo {
  id: string;
  personId: string;
  email: string;
  hasTotp: boolean;
}

export async function findCredential(
  db: Db,
  by: { id: string } | { email: string },
): Promise<CredentialInfo | undefined> {
  // A NUL byte is no address, and PostgreSQL refuses it in text: an unknown address, not a server error.
  if ('email' in by && by.email.includes('\u0000')) return undefined;
  let query = tablesOf<IdentityTables>(db)
    .selectFrom('local_credentials')
    .select(['id', 'person_id', 'email', 'totp_secret']);
  query =
    'id' in by ? query.where('id', '=', by.id) : query.where(sql`lower(email)`, '=', by.email.toLowerCase());
  const row = await query.executeTakeFirst();
  return row && { id: row.id, personId: row.person_id, email: row.email, hasTotp: row.totp_secret !== null };
}

/** The address of this credential is proven: it may now receive notifications too. */
export async function markEmailVerified(db: Db, credentialId: string, now: Date): Promise<void> {
  await audited(
    db,
    {
      actor: 'system',
      action: 'identity.email.verified',
      subjectType: 'local_credential',
      subjectId: credentialId,
    },
    async (tx) => {
      const identity = tablesOf<IdentityTables>(tx);
      const credential = await identity
        .updateTable('local_credentials')
        .set({ email_verified_at: now })
        .where('id', '=', credentialId)
        .returning(['person_id', 'email'])
        .executeTakeFirstOrThrow();
      await identity
        .updateTable('persons')
        .set({ email: credential.email, email_verified_at: now })
        .where('id', '=', credential.person_id)
        .execute();
    },
  );
}

export async function setPassword(db: Db, credentialId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await audited(
    db,
    {
      actor: 'system',
      action: 'identity.password.reset',
      subjectType: 'local_credential',
      subjectId: credentialId,
    },
    (tx) =>
      tablesOf<IdentityTables>(tx)
        .updateTable('local_credentials')
        .set({ password_hash: passwordHash })
        .where('id', '=', credentialId)
        .execute(),
  );
}
