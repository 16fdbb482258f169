import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPerson } from '../../../tests/support/factories.ts';
import { loggedInClient } from '../../../tests/support/http-client.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import { createPersonWithLink } from '../identity/index.ts';
import { openProfessionalAccount } from './accounts.ts';
import { notificationChoices } from './notification-preferences.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let accountId = '';

beforeAll(async () => {
  testApp = await createTestApp();
  const db = testApp.database.db;
  const anna = await createLocalPerson(db, {
    givenNames: 'Anna',
    familyName: 'Zenklusen',
    email: 'anna@example.ch',
    password: 'Aletschgletscher 23 km',
    emailVerified: true,
  });
  accountId = anna.accountId;
  // Anna is a plain member of a business account, opened by its admin.
  const { person: admin } = await createPersonWithLink(
    db,
    { givenNames: 'Urs', familyName: 'Admin' },
    { provider: 'dev', subject: 'urs', level: 'high' },
  );
  const { rows } = await sql<{
    id: string;
  }>`insert into organisations (uid, name, legal_form, seat) values ('CHE456789123', 'Zenklusen AG', 'AG', 'Brig') returning id`.execute(
    db,
  );
  const business = await openProfessionalAccount(db, admin.id, {
    id: rows[0]?.id ?? '',
    name: 'Zenklusen AG',
  });
  await sql`insert into account_members (account_id, person_id, role) values (${business}, ${anna.personId}, 'member')`.execute(
    db,
  );
});
afterAll(() => testApp.close());

const loggedIn = () => loggedInClient(testApp.app, 'anna@example.ch', 'Aletschgletscher 23 km');

describe('preferences', () => {
  it('tells by e-mail about everything until the account chooses', async () => {
    expect((await notificationChoices(testApp.database.db, accountId)).newDocument).toEqual(['email']);
  });

  it('saves languages and notification choices, keeping only channels the person has, and audits them', async () => {
    const browser = await loggedIn();
    const page = await (await browser.get('/preferences')).text();
    expect(page).toContain('aucun numéro de mobile vérifié');
    const saved = await browser.post('/preferences', {
      interfaceLanguage: 'de',
      formLanguage: '',
      notificationLanguage: 'en',
      'notify.newDocument': ['email', 'sms'],
      'notify.newMessage': 'email',
    });
    expect(saved.headers.get('Location')).toBe('/preferences?saved=1');
    const choices = await notificationChoices(testApp.database.db, accountId);
    expect(choices.newDocument).toEqual(['email']); // no verified mobile: SMS is not kept
    expect(choices.newMessage).toEqual(['email']);
    expect(choices.requestStatus).toEqual([]);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_events where action in ('person.languages.update', 'account.notifications.update')`.execute(
      testApp.database.db,
    );
    expect(rows[0]?.n).toBe(2);

    // Another device, no language cookie: the stored preference speaks German.
    const elsewhere = await loggedIn();
    expect(await (await elsewhere.get('/preferences')).text()).toContain('<html lang="de">');
  });

  it('lets only an account’s admins change its notifications', async () => {
    const browser = await loggedIn();
    const accounts = await (await browser.get('/accounts')).text();
    const business = accounts.match(/name="account" value="([^"]+)"/)?.[1] ?? '';
    await browser.post('/accounts/switch', { account: business });
    const page = await (await browser.get('/preferences')).text();
    expect(page).toContain('Nur die Administratoren');
    await browser.post('/preferences', { interfaceLanguage: 'de', 'notify.newDocument': 'email' });
    expect((await notificationChoices(testApp.database.db, business)).newDocument).toEqual(['email']); // the default, untouched
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from notification_preferences_set where account_id = ${business}`.execute(
      testApp.database.db,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
