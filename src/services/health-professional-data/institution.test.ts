import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personActor } from '../../../tests/support/factories.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { openProfessionalAccount } from '../../modules/accounts/accounts.ts';
import { createPersonWithLink } from '../../modules/identity/index.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { connectRegisterApi } from './index.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let actor: PersonActor | null = null;

beforeAll(async () => {
  server = await serveTestApp({ actor: () => actor });
  await connectRegisterApi(server.database.db, { baseUrl: `${server.url}/simulators/health-register/api` });
});
afterAll(() => server?.close());

describe('an institution’s register entry', () => {
  it('is shown to the people of the organisation’s account, found by its UID', async () => {
    const { db } = server.database;
    const { person } = await createPersonWithLink(
      db,
      { givenNames: 'Bernard', familyName: 'Carron' },
      { provider: 'test', subject: 'pharmacist', level: 'high' },
    );
    const { rows } = await sql<{ id: string }>`
      insert into organisations (uid, name, legal_form, seat) values ('CHE123456788', 'Pharmacie du Rhône SA', 'SA', 'Sion')
      on conflict (uid) do update set name = excluded.name returning id`.execute(db);
    const accountId = await openProfessionalAccount(db, person.id, {
      id: rows[0]?.id ?? '',
      name: 'Pharmacie du Rhône SA',
    });
    actor = personActor({
      id: person.id,
      level: 'high',
      account: { id: accountId, name: 'Pharmacie du Rhône SA', kind: 'professional' },
    });
    const response = await server.app.request('/health-register');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Inscription de Pharmacie du Rhône SA au registre');
    expect(html).toContain('CHE123456788');
    expect(html).toContain('Rue du Rhône 21, 1950 Sion');
    expect(html).toContain('Pharmacie');
  });

  it('is not shown to someone who is neither the account’s member nor its representative', async () => {
    const { db } = server.database;
    const { rows } = await sql<{ id: string }>`
      select a.id from accounts a join organisations o on o.id = a.organisation_id
      where o.uid = 'CHE123456788'`.execute(db);
    actor = personActor({
      level: 'high',
      account: { id: rows[0]?.id ?? '', name: 'Pharmacie du Rhône SA', kind: 'professional' },
    });
    expect((await server.app.request('/health-register')).status).toBe(403);
  });
});
