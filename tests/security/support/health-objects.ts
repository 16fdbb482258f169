import { ensurePersonalAccount } from '../../../src/modules/accounts/index.ts';
import { createPersonWithLink, testPersons } from '../../../src/modules/identity/index.ts';
import type { PersonActor } from '../../../src/platform/http/access.ts';
import { connectDemoHealthRegister } from '../../../src/seed/demo-health.ts';
import type { serveTestApp } from '../../support/serve-test-app.ts';

/**
 * A health professional in the register, in their own account: the demo's register (a simulator on the
 * test app's socket) connected as the demo connects it, and its first known professional created as at
 * their first login, so the register finds their entry by their AVS number.
 */
export async function createHealthProfessional(
  testApp: Awaited<ReturnType<typeof serveTestApp>>,
): Promise<PersonActor> {
  const db = testApp.database.db;
  await connectDemoHealthRegister(db, testApp.url);
  const known = testPersons.find((p) => p.sub === 'dev-anne-zufferey');
  if (!known) throw new Error('no professional of the register among the test persons');
  const { person } = await createPersonWithLink(
    db,
    {
      givenNames: known.givenNames,
      familyName: known.familyName,
      dateOfBirth: known.birthdate,
      avs: known.avs,
    },
    { provider: 'test', subject: 'security-health-professional', level: 'high' },
  );
  const name = `${known.givenNames} ${known.familyName}`;
  const accountId = await ensurePersonalAccount(db, person.id, name);
  return {
    kind: 'person',
    id: person.id,
    displayName: name,
    language: 'fr',
    // as the rest of the cast: logged in with a substantial means
    level: 'substantial',
    account: { id: accountId, name, kind: 'personal' },
    staffRoles: [],
    platformAdmin: false,
  };
}
