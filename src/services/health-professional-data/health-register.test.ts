import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPerson } from '../../../tests/support/demo-persons.ts';
import { devSession } from '../../../tests/support/dev-login.ts';
import { personActor } from '../../../tests/support/factories.ts';
import { submitAnswers } from '../../../tests/support/requests.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { startTestWorker } from '../../../tests/support/test-app.ts';
import { getAuthorityBySlug } from '../../modules/authorities/index.ts';
import { createApiClient } from '../../modules/integration/index.ts';
import { connectDemoHealthRegister } from '../../seed/demo-health.ts';
import { changeFormId } from './index.ts';

let server: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let anne: Awaited<ReturnType<typeof devSession>>;

beforeAll(async () => {
  server = await serveTestApp();
  worker = await startTestWorker(server);
  await connectDemoHealthRegister(server.database.db, server.url);
  anne = await devSession(server.url, 'dev-anne-zufferey');
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
});

/** A test person of the development provider, once logged in, as the actor of their own account. */
async function actorOf(name: string) {
  const { personId, accountId } = await demoPerson(server.database.db, name);
  return personActor({
    id: personId,
    displayName: name,
    level: 'high',
    account: { id: accountId, name, kind: 'personal' },
  });
}

/** The health service's own script, accepting an announcement through the API. */
async function accept(requestId: string) {
  const { db } = server.database;
  const ssp = (await getAuthorityBySlug(db, 'ssp'))?.id ?? '';
  const { key } = await createApiClient(db, 'test', {
    authorityId: ssp,
    name: `Script ${requestId}`,
    scopes: ['requests:read', 'requests:write'],
    mode: 'test',
  });
  return fetch(`${server.url}/api/v1/requests/${requestId}/status`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': `accept-${requestId}`,
    },
    body: JSON.stringify({ status: 'accepted' }),
  });
}

async function requestOf(submissionId: string) {
  const find = async () =>
    (
      await sql<{ id: string }>`select id from cases where submission_id = ${submissionId}`.execute(
        server.database.db,
      )
    ).rows[0]?.id;
  await expect.poll(find, { timeout: 30_000 }).toBeTruthy();
  return (await find()) ?? '';
}

describe('a professional’s register entry and announced changes', () => {
  it('shows a professional their own entry, found by their AVS number, read from the register’s API', async () => {
    const response = await anne.get('/health-register');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('7601000123459');
    expect(html).toContain('Avenue de la Gare 10, 1950 Sion');
    expect(html).toContain('Annoncer une modification');
    expect(html).toContain('français, allemand'); // the register's language codes, named
  });

  it('starts from the catalogue on a page that explains the procedure and shows the entry as it is', async () => {
    const start = await anne.get('/services/donnees-professionnels-sante/start');
    expect(start.headers.get('location')).toBe('/health-register/start');
    // French last: Anne's session keeps the language chosen, and the other tests read her pages in French.
    for (const [lang, title, button] of [
      ['de', 'Eine Änderung der Kontaktdaten', 'Meldung beginnen'],
      ['en', 'Announce a change of contact details', 'Start the announcement'],
      ['fr', 'Annoncer un changement de coordonnées', 'Commencer l’annonce'],
    ]) {
      const response = await anne.get(`/health-register/start?lang=${lang}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(`<h1>${title}`);
      expect(html).toContain('7601000123459');
      expect(html).toContain('Avenue de la Gare 10, 1950 Sion');
      expect(html).toMatch(
        new RegExp(`<form method="post" action="/health-register/changes">[\\s\\S]*${button}`),
      );
    }
    const sophie = await devSession(server.url, 'dev-sophie-rochat');
    const none = await (await sophie.get('/health-register/start?lang=fr')).text();
    expect(none).toContain('Le registre ne connaît pas d’inscription pour ce compte');
    expect(none).not.toContain('action="/health-register/changes"');
  });

  it('says so when the register has no entry for the person, and when the register does not answer', async () => {
    const sophie = await devSession(server.url, 'dev-sophie-rochat');
    expect((await sophie.get('/health-register')).status).toBe(404);
    await sql`update health_register_connection set base_url = 'http://127.0.0.1:9/none'`.execute(
      server.database.db,
    );
    try {
      const response = await anne.get('/health-register');
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('ne répond pas');
      // starting an announcement says so too, rather than failing with a server error
      const started = await anne.post('/health-register/changes');
      expect(started.status).toBe(503);
      expect(await started.text()).toContain('ne répond pas');
    } finally {
      await connectDemoHealthRegister(server.database.db, server.url);
    }
  });

  it('starts the announcement with the register’s values; the register writes what the service accepts, with its history', {
    timeout: 90_000,
  }, async () => {
    const { db } = server.database;
    await anne.get('/health-register');
    const started = await anne.post('/health-register/changes');
    expect(started.status).toBe(303);
    const draftId = started.headers.get('location')?.replace('/forms/drafts/', '') ?? '';
    const { rows } = await sql<{ answers: { gln: string; changes: Row[] } }>`
      select answers from form_drafts where id = ${draftId}`.execute(db);
    const answers = rows[0]?.answers;
    expect(answers?.gln).toBe('7601000123459');
    expect(answers?.changes.find((r) => r.item === 'phone')).toEqual({
      item: 'phone',
      current: '+41 27 322 10 10',
      proposed: '+41 27 322 10 10',
    });

    // Anne changes her phone and opens a second site; the rest stays as the register has it.
    const changed = (answers?.changes ?? []).map((r) =>
      r.item === 'phone'
        ? { ...r, proposed: '+41 27 322 99 99' }
        : r.item === 'newSite'
          ? { ...r, proposed: 'Rue du Bourg 5, 3960 Sierre' }
          : r,
    );
    const submission = await submitAnswers(
      db,
      await actorOf('Anne Zufferey'),
      (await changeFormId(db)) ?? '',
      { gln: '7601000123459', changes: changed },
    );
    const requestId = await requestOf(submission.id);

    // The health service accepts (here through the API, as its own script would; the browser journey clicks).
    expect((await accept(requestId)).status).toBe(200);

    const entry = async () => {
      const response = await anne.get('/health-register');
      return response.text();
    };
    await expect.poll(entry, { timeout: 60_000, interval: 500 }).toContain('+41 27 322 99 99');
    const html = await entry();
    expect(html).toContain('Rue du Bourg 5, 3960 Sierre');
    expect(html).toContain('+41 27 322 10 10'); // the old value, in the history
    const history = await sql<{ item: string; old_value: string | null; new_value: string }>`
      select item, old_value, new_value from simulator_health_register_changes
      where entry = 'gln:7601000123459' order by item`.execute(db);
    expect(history.rows).toEqual([
      { item: 'newSite', old_value: null, new_value: 'Rue du Bourg 5, 3960 Sierre' },
      { item: 'phone', old_value: '+41 27 322 10 10', new_value: '+41 27 322 99 99' },
    ]);
  });

  it('lets nobody else change a professional’s entry: an announcement for Anne’s GLN by another person is not written', {
    timeout: 90_000,
  }, async () => {
    const { db } = server.database;
    await devSession(server.url, 'dev-marc-darbellay');
    const other = await actorOf('Marc Darbellay');
    const submission = await submitAnswers(db, other, (await changeFormId(db)) ?? '', {
      gln: '7601000123459',
      changes: [{ item: 'email', current: 'x', proposed: 'pirate@example.ch' }],
    });
    const id = await requestOf(submission.id);
    expect((await accept(id)).status).toBe(200);
    const told = async () =>
      (
        await sql<{
          text: string;
        }>`select text from case_events where case_id = ${id} and kind = 'message'`.execute(db)
      ).rows.map((r) => r.text);
    await expect
      .poll(told, { timeout: 60_000, interval: 500 })
      .toEqual([expect.stringContaining('aucune inscription ne correspond')]);
    const email = await sql<{ email: string }>`
      select email from simulator_health_professionals where gln = '7601000123459'`.execute(db);
    expect(email.rows[0]?.email).toBe('cabinet.zufferey@example.ch');
  });
});

interface Row {
  item: string;
  current: string;
  proposed: string;
}
