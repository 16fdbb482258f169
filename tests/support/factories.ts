import { randomBytes, randomUUID } from 'node:crypto';
import { ensurePersonalAccount } from '../../src/modules/accounts/index.ts';
import { type NewAuthority, upsertAuthority } from '../../src/modules/authorities/index.ts';
import { createPersonWithLink } from '../../src/modules/identity/index.ts';
import { createLocalMeans } from '../../src/modules/identity/local-means.ts';
import { loadConfig } from '../../src/platform/config/config.ts';
import { masterKeysFor } from '../../src/platform/crypto/master-keys.ts';
import type { Db } from '../../src/platform/database/database.ts';
import type { PersonActor, StaffRole } from '../../src/platform/http/access.ts';

const suffix = () => randomBytes(3).toString('hex');

/** A commune with an accessible palette; pass what the test is about, the rest is sensible. */
export function createAuthority(db: Db, overrides: Partial<NewAuthority> = {}) {
  const slug = overrides.slug ?? `commune-${suffix()}`;
  return upsertAuthority(db, 'test', {
    slug,
    kind: 'commune',
    parentSlug: 'valais',
    names: { fr: `Commune ${slug}`, de: `Gemeinde ${slug}`, en: `Commune ${slug}` },
    languages: ['fr'],
    palette: { primary: '#00594f', primaryText: '#ffffff', accent: '#1d1d1b' },
    ...overrides,
  });
}

/** A logged-in person as the router sees them, for tests that are not about logging in. */
export function personActor(overrides: Partial<PersonActor> = {}): PersonActor {
  return {
    kind: 'person',
    id: randomUUID(),
    displayName: 'Anna Muster',
    language: 'fr',
    level: 'substantial',
    account: { id: randomUUID(), name: 'Anna Muster', kind: 'personal' },
    staffRoles: [],
    platformAdmin: false,
    ...overrides,
  };
}

export function staffActor(authorityId: string, role: StaffRole = 'agent'): PersonActor {
  return personActor({ displayName: 'Luc Agent', staffRoles: [{ authorityId, role }] });
}

/**
 * A person identified by a test provider, with their personal account: the actor a test acting as
 * that citizen sets.
 */
export async function createCitizen(
  db: Db,
  person: { givenNames: string; familyName: string; email?: string },
  level: 'substantial' | 'high' = 'high',
): Promise<PersonActor> {
  const name = `${person.givenNames} ${person.familyName}`;
  const { person: created } = await createPersonWithLink(
    db,
    { ...person, ...(person.email && { emailVerified: true }) },
    { provider: 'test', subject: `citizen-${suffix()}`, level },
  );
  const accountId = await ensurePersonalAccount(db, created.id, name);
  return personActor({
    id: created.id,
    displayName: name,
    account: { id: accountId, name, kind: 'personal' },
  });
}

/**
 * A person identified by a (test) provider, with their personal account and an e-mail + password
 * means to log in with; `totp` adds the second factor.
 */
export async function createLocalPerson(
  db: Db,
  person: {
    givenNames: string;
    familyName: string;
    email: string;
    password: string;
    emailVerified?: boolean;
    totp?: { secret: string; step: number };
  },
) {
  const { person: created } = await createPersonWithLink(
    db,
    {
      givenNames: person.givenNames,
      familyName: person.familyName,
      email: person.email,
      emailVerified: person.emailVerified,
    },
    { provider: 'test', subject: `${person.email}-${suffix()}`, level: 'high' },
  );
  const accountId = await ensurePersonalAccount(db, created.id, `${person.givenNames} ${person.familyName}`);
  // The demo's keys, as the test app (demo mode, no MASTER_KEYS) uses them.
  await createLocalMeans(db, await masterKeysFor(loadConfig({ GUICHET_DEMO: 'true' }), db), created.id, {
    email: person.email,
    password: person.password,
    totp: person.totp ?? null,
  });
  return { personId: created.id, accountId };
}
