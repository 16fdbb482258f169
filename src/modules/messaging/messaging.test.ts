import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, personActor, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createPersonWithLink } from '../identity/index.ts';
import { acceptMandate, proposeMandate } from '../mandates/index.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let citizen: PersonActor;
let sion = '';
let sierre = '';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  citizen = await createCitizen(db, { givenNames: 'Eva', familyName: 'Praz' }, 'high');
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  sierre = (await getAuthorityBySlug(db, 'sierre'))?.id ?? '';
});
afterAll(() => testApp.close());

const get = (path: string) => testApp.app.request(path);
const post = (path: string, fields: Record<string, string>, from: string) =>
  httpClient(testApp.app).submit(path, fields, from);

describe('secure messages', () => {
  it('a person writes to an authority; its team answers from a shared mailbox; read states and notifications follow', async () => {
    actor = citizen;
    const refused = await post('/messages', { authority: sion, subject: '', body: '' }, '/messages/new');
    expect(refused.status).toBe(422);
    const created = await post(
      '/messages',
      { authority: sion, subject: 'Horaires de la déchetterie', body: 'Est-elle ouverte le samedi ?' },
      '/messages/new',
    );
    expect(created.status).toBe(303);
    const thread = created.headers.get('Location') ?? '';
    const id = thread.split('/').at(-1);

    const team = '/back-office/authorities/sion/messages';
    actor = staffActor(sion, 'agent');
    expect(await (await get(`${team}?assignee=none`)).text()).toMatch(
      /Horaires de la déchetterie<\/a> <strong[^>]*>Non lu/,
    );
    await post(`${team}/${id}/assign`, {}, `${team}/${id}`);
    expect(await (await get(`${team}?assignee=me`)).text()).toContain('Horaires de la déchetterie');
    const withFile = async (path: string, body: string, file: File) => {
      const page = await get(path);
      const form = new FormData();
      form.set('_csrf', csrfTokenIn(await page.text()));
      form.set('body', body);
      form.set('file', file);
      return testApp.app.request(path, {
        method: 'POST',
        body: form,
        headers: { Cookie: cookiesFrom(page) },
      });
    };
    const plan = new File(['%PDF-1.4\n% plan des horaires\n%%EOF\n'], 'horaires.pdf', {
      type: 'application/pdf',
    });
    expect((await withFile(`${team}/${id}`, 'Oui, de 8 h à 12 h.', plan)).status).toBe(303);
    expect((await withFile(`${team}/${id}`, 'Un script ?', new File(['<script>'], 'x.pdf'))).status).toBe(
      422,
    );
    const teamPage = await (await get(`${team}/${id}`)).text();
    const attachment = teamPage.match(/href="([^"]+\/attachments\/[0-9a-f-]{36})"/)?.[1];
    expect(await (await get(attachment ?? '')).text()).toContain('plan des horaires');

    // Another authority's staff see nothing of it.
    actor = staffActor(sierre, 'authorityAdmin');
    expect((await get(`/back-office/authorities/sierre/messages/${id}`)).status).toBe(404);
    expect((await get(`${team}/${id}`)).status).toBe(404);
    actor = personActor();
    expect((await get(thread)).status).toBe(404);

    actor = citizen;
    expect(await (await get('/my')).text()).toContain('Messages non lus : 1');
    const read = await (await get(thread)).text();
    expect(read).toContain('Oui, de 8 h à 12 h.');
    const document = read.match(/href="\/documents\/([0-9a-f-]{36})">Pièce jointe/)?.[1];
    expect((await get(`/documents/${document}`)).status).toBe(200); // in the citizen's own document space
    expect(await (await get('/my')).text()).toContain('Messages non lus : 0');
    const { rows } = await sql<{ event: string; link: string }>`
      select event, link from notifications where person_id = ${citizen.id}`.execute(testApp.database.db);
    expect(rows).toEqual([{ event: 'newMessage', link: thread }]);

    // What the team read is in the person's access log; every message and the assignment in the audit trail.
    const seen = await sql<{ action: string; via: string }>`
      select action, via from account_access_log where account_id = ${citizen.account.id}
      and subject_id in (${id}, ${document})`.execute(testApp.database.db);
    expect(seen.rows).toContainEqual({ action: 'message.view', via: 'staff' });
    expect(seen.rows).toContainEqual({ action: 'document.download', via: 'staff' });
    const trail = await sql<{ action: string }>`
      select action from audit_events where subject_type = 'thread' and subject_id = ${id ?? ''}
      order by id`.execute(testApp.database.db);
    expect(trail.rows.map((r) => r.action)).toEqual([
      'thread.start',
      'message.post',
      'thread.assign',
      'message.post',
    ]);
  });

  it('let a representative follow the threads they start under a mandate, and only those', async () => {
    const { db } = testApp.database;
    const { person: agentPerson } = await createPersonWithLink(
      db,
      { givenNames: 'Paul', familyName: 'Fiduciaire' },
      { provider: 'test', subject: 'paul', level: 'high' },
    );
    const { id: mandateId } = await proposeMandate(db, citizen.id, 'holder', {
      principalAccountId: citizen.account.id,
      agent: { personId: agentPerson.id },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: '2020-01-01',
    });
    await acceptMandate(db, agentPerson.id, mandateId);
    const agent = personActor({
      id: agentPerson.id,
      displayName: 'Paul Fiduciaire',
      account: citizen.account,
      mandate: { id: mandateId, themes: ['tax'] },
    });
    actor = citizen;
    const own = (
      await post(
        '/messages',
        { authority: sion, subject: 'Succession de ma tante', body: 'Privé.' },
        '/messages/new',
      )
    ).headers.get('Location');

    actor = agent;
    expect(await (await get('/messages')).text()).not.toContain('Succession de ma tante');
    expect((await get(own ?? '')).status).toBe(404);
    const started = await post(
      '/messages',
      { authority: sion, subject: 'Délai pour la déclaration', body: 'Pour ma cliente, merci.' },
      '/messages/new',
    );
    const thread = started.headers.get('Location') ?? '';
    expect(await (await get('/messages')).text()).toContain('Délai pour la déclaration');
    expect((await get(thread)).status).toBe(200);

    actor = staffActor(sion, 'agent');
    const team = `/back-office/authorities/sion/messages/${thread.split('/').at(-1)}`;
    await post(team, { body: 'Délai accordé au 30 juin.' }, team);
    const told = await sql<{ person_id: string }>`
      select person_id from notifications where link = ${thread}`.execute(db);
    expect(told.rows.map((r) => r.person_id).sort()).toEqual([agentPerson.id, citizen.id].sort());

    actor = { ...agent, mandate: { id: randomUUID(), themes: ['tax'] } }; // another mandate
    expect((await get(thread)).status).toBe(404);
    actor = citizen; // the holder sees every thread of the account, and who read what for them
    const list = await (await get('/messages')).text();
    expect(list).toContain('Délai pour la déclaration');
    expect(list).toContain('Succession de ma tante');
    const log = await sql<{ action: string; via: string }>`
      select action, via from account_access_log where mandate_id = ${mandateId}`.execute(db);
    expect(log.rows).toContainEqual({ action: 'message.view', via: 'mandate' });
  });
});
