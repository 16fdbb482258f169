import { type RawBuilder, type Selectable, sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, escapeLike, tablesOf } from '../../platform/database/database.ts';
import type { AssuranceLevel } from '../../platform/http/assurance-level.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { normaliseAvs } from './avs-number.ts';
import type { IdentityTables } from './tables.ts';

export type Person = Selectable<IdentityTables['persons']>;
export type IdentityLink = Selectable<IdentityTables['identity_links']>;

/** What an identity means tells us about a person (already mapped from the provider's claims). */
export interface PersonClaims {
  givenNames: string;
  familyName: string;
  dateOfBirth?: string;
  avs?: string;
  email?: string;
  emailVerified?: boolean;
  address?: { street?: string; houseNumber?: string; postcode?: string; town?: string; country?: string };
  language?: Locale;
}

/** What other modules do when a person first logs in (e.g. bind the mandates that waited for them). */
export type FirstLogin = (db: Db, person: Person) => Promise<unknown>;

const identity = (db: Db) => tablesOf<IdentityTables>(db);

export async function getPerson(db: Db, personId: string): Promise<Person | undefined> {
  return identity(db).selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
}

export function personName(person: Pick<Person, 'given_names' | 'family_name'>): string {
  return `${person.given_names} ${person.family_name}`;
}

/** The names of persons, by id, in one query (staff lists: assignees, requesters); an unknown id is absent. */
export async function personNames(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await tablesOf<IdentityTables>(db)
    .selectFrom('persons')
    .select(['id', 'given_names', 'family_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((p) => [p.id, personName(p)]));
}

/**
 * The ids of the persons whose name holds every one of `words` (case-insensitive), as a subquery for
 * another module's statement: found through the trigram index `persons_name_trgm`, so words shorter
 * than three characters, which it cannot look up, should not be given.
 */
export function personsNamedSql(words: readonly string[]): RawBuilder<unknown> {
  const name = sql`(given_names || ' ' || family_name)`;
  return sql`select id from persons where ${sql.join(
    words.map((w) => sql`${name} ilike ${`%${escapeLike(w)}%`}`),
    sql` and `,
  )}`;
}

export async function findLink(db: Db, provider: string, subject: string): Promise<IdentityLink | undefined> {
  return identity(db)
    .selectFrom('identity_links')
    .selectAll()
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export async function listLinks(db: Db, personId: string): Promise<IdentityLink[]> {
  return identity(db)
    .selectFrom('identity_links')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('linked_at')
    .execute();
}

/** A person seen for the first time, with the means they came with. */
export async function createPersonWithLink(
  db: Db,
  claims: PersonClaims,
  link: { provider: string; subject: string; level: AssuranceLevel },
): Promise<{ person: Person; linkId: string }> {
  return audited(
    db,
    ({ person }: { person: Person; linkId: string }) => ({
      actor: `person:${person.id}`,
      action: 'person.create',
      subjectType: 'person',
      subjectId: person.id,
      details: { provider: link.provider, level: link.level },
    }),
    async (tx) => {
      const person = await identity(tx)
        .insertInto('persons')
        .values({
          given_names: claims.givenNames,
          family_name: claims.familyName,
          date_of_birth: claims.dateOfBirth ?? null,
          // A number failing its check digit is not kept: better none than a wrong one.
          avs: (claims.avs && normaliseAvs(claims.avs)) ?? null,
          street: claims.address?.street ?? null,
          house_number: claims.address?.houseNumber ?? null,
          postcode: claims.address?.postcode ?? null,
          town: claims.address?.town ?? null,
          country: claims.address?.country ?? 'CH',
          email: claims.email ?? null,
          email_verified_at: claims.emailVerified ? new Date() : null,
          preferred_language: claims.language ?? 'fr',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const created = await identity(tx)
        .insertInto('identity_links')
        .values({ person_id: person.id, ...link, last_used_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { person, linkId: created.id };
    },
  );
}

/** Links another means to a logged-in person; a means already linked to someone else is refused. */
export async function linkIdentity(
  db: Db,
  personId: string,
  link: { provider: string; subject: string; level: AssuranceLevel },
): Promise<IdentityLink> {
  const existing = await findLink(db, link.provider, link.subject);
  if (existing && existing.person_id !== personId) throw new HttpError(409, 'identity_linked_elsewhere');
  if (existing) return existing;
  return audited(
    db,
    {
      actor: `person:${personId}`,
      action: 'identity.link',
      subjectType: 'person',
      subjectId: personId,
      details: link,
    },
    (tx) =>
      identity(tx)
        .insertInto('identity_links')
        .values({ person_id: personId, ...link })
        .returningAll()
        .executeTakeFirstOrThrow(),
  );
}

/** Removes a means, unless it is the person's last: nobody may lock themselves out. */
export async function unlinkIdentity(db: Db, personId: string, linkId: string): Promise<void> {
  await audited(
    db,
    {
      actor: `person:${personId}`,
      action: 'identity.unlink',
      subjectType: 'person',
      subjectId: personId,
      details: { linkId },
    },
    async (tx) => {
      // Lock the person's links so two concurrent unlinks cannot both see "one more left".
      const links = await identity(tx)
        .selectFrom('identity_links')
        .select(['id', 'provider'])
        .where('person_id', '=', personId)
        .forUpdate()
        .execute();
      const link = links.find((l) => l.id === linkId);
      if (!link) throw new HttpError(404, 'not_found');
      if (links.length === 1) throw new HttpError(409, 'last_identity');
      await identity(tx).deleteFrom('identity_links').where('id', '=', linkId).execute();
      if (link.provider === 'local')
        await identity(tx).deleteFrom('local_credentials').where('person_id', '=', personId).execute();
    },
  );
}

export async function touchLink(db: Db, linkId: string): Promise<void> {
  await identity(db)
    .updateTable('identity_links')
    .set({ last_used_at: new Date() })
    .where('id', '=', linkId)
    .execute();
}

/**
 * Disables a person (or enables them again): they cannot log in, and every session they have stops
 * counting on its next request, since who is acting is rebuilt from the database each time.
 */
export async function setPersonDisabled(
  db: Db,
  actor: string,
  personId: string,
  disabled: boolean,
): Promise<void> {
  await audited(
    db,
    {
      actor,
      action: disabled ? 'person.disable' : 'person.enable',
      subjectType: 'person',
      subjectId: personId,
    },
    (tx) =>
      identity(tx)
        .updateTable('persons')
        .set({ disabled_at: disabled ? new Date() : null })
        .where('id', '=', personId)
        .execute(),
  );
}

export async function setPlatformAdmin(
  db: Db,
  actor: string,
  personId: string,
  platformAdmin: boolean,
): Promise<void> {
  await audited(
    db,
    {
      actor,
      action: 'person.platform-admin',
      subjectType: 'person',
      subjectId: personId,
      details: { platformAdmin },
    },
    (tx) =>
      identity(tx)
        .updateTable('persons')
        .set({ platform_admin: platformAdmin })
        .where('id', '=', personId)
        .execute(),
  );
}

export interface LanguageChoices {
  interface: Locale;
  forms: Locale | null;
  notifications: Locale | null;
}

export async function updateLanguages(db: Db, personId: string, languages: LanguageChoices): Promise<void> {
  await audited(
    db,
    {
      actor: `person:${personId}`,
      action: 'person.languages.update',
      subjectType: 'person',
      subjectId: personId,
      details: { ...languages },
    },
    (tx) =>
      identity(tx)
        .updateTable('persons')
        .set({
          preferred_language: languages.interface,
          form_language: languages.forms,
          notification_language: languages.notifications,
        })
        .where('id', '=', personId)
        .execute(),
  );
}

/** The person with this AVS number, for naming a mandate's agent; callers check a second attribute. */
export async function findPersonByAvs(db: Db, avs: string): Promise<Person | undefined> {
  const normalised = normaliseAvs(avs);
  if (!normalised) return undefined;
  return identity(db).selectFrom('persons').selectAll().where('avs', '=', normalised).executeTakeFirst();
}

/**
 * The people with these names and date of birth (names compared without case or accents), for an
 * agent who has no AVS number at hand. More than one match means the caller must ask for the number.
 */
export async function findPersonsByNameAndBirth(
  db: Db,
  who: { givenNames: string; familyName: string; dateOfBirth: string },
): Promise<Person[]> {
  const folded = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const candidates = await identity(db)
    .selectFrom('persons')
    .selectAll()
    .where('date_of_birth', '=', who.dateOfBirth)
    .execute();
  return candidates.filter(
    (p) =>
      folded(p.family_name) === folded(who.familyName) && folded(p.given_names) === folded(who.givenNames),
  );
}
