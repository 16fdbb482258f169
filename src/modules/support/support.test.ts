import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug, getCanton } from '../authorities/index.ts';
import { addFaqEntry } from './faq.ts';
import { supportPaths } from './paths.ts';
import { getTicket, openTicket, replyToTicket } from './tickets.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let canton = '';
let sion = '';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  canton = (await getCanton(testApp.database.db))?.id ?? '';
  sion = (await getAuthorityBySlug(testApp.database.db, 'sion'))?.id ?? '';
});
afterAll(() => testApp?.close());

const base = {
  kind: 'question' as const,
  subject: 'Question',
  body: 'Bonjour',
  page: '/services/x',
  serviceSlug: null,
  requestReference: null,
  browser: 'Test',
  language: 'fr' as const,
};
const desk = { ref: 'person:desk', name: 'Support' };

async function jobs(task: string) {
  const { rows } = await sql<{ payload: { replyId: string } }>`select j.payload
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = ${task}`.execute(testApp.database.db);
  return rows.map((r) => r.payload);
}

describe('support answers', () => {
  it('reach a requester who wrote without logging in by e-mail, one who was logged in in the portal', async () => {
    const { db } = testApp.database;
    const byMail = await openTicket(db, {
      ...base,
      requester: { email: 'marc@example.ch', name: 'Marc' },
      deskAuthorityId: canton,
    });
    await replyToTicket(db, byMail, desk, { side: 'support', body: 'Voici la réponse' });
    expect(await jobs('support:mail-reply')).toHaveLength(1);
    expect((await getTicket(db, byMail.id))?.state).toBe('waitingRequester');

    const citizen = await createCitizen(db, { givenNames: 'Léa', familyName: 'Favre' });
    const inPortal = await openTicket(db, {
      ...base,
      requester: { personId: citizen.id, accountId: citizen.account.id, name: 'Léa Favre' },
      deskAuthorityId: canton,
    });
    await replyToTicket(db, inPortal, desk, { side: 'support', body: 'Réponse' });
    await replyToTicket(db, inPortal, desk, { side: 'note', body: 'Interne' });
    expect(await jobs('support:mail-reply')).toHaveLength(1);
    const told = await sql<{
      link: string;
    }>`select link from notifications where person_id = ${citizen.id}`.execute(db);
    expect(told.rows.map((r) => r.link)).toEqual([supportPaths.ticket(inPortal.id)]);
  });

  it('shows a ticket to its requester and to the staff handling it, to no one else', async () => {
    const { db } = testApp.database;
    const citizen = await createCitizen(db, { givenNames: 'Jean', familyName: 'Roux' });
    const other = await createCitizen(db, { givenNames: 'Paul', familyName: 'Roux' });
    const ticket = await openTicket(db, {
      ...base,
      requester: { personId: citizen.id, accountId: citizen.account.id, name: 'Jean Roux' },
      deskAuthorityId: canton,
    });
    const status = async (who: Actor, path: string) => {
      actor = who;
      return (await testApp.app.request(path)).status;
    };
    expect(await status(citizen, supportPaths.ticket(ticket.id))).toBe(200);
    expect(await status(other, supportPaths.ticket(ticket.id))).toBe(404);
    // Its reference is read whole: a phone does not break it at its hyphen.
    actor = citizen;
    expect(await (await testApp.app.request(supportPaths.ticket(ticket.id))).text()).toContain(
      `<span class="nowrap">${ticket.reference}</span></h1>`,
    );
    expect(await status(staffActor(canton), supportPaths.deskTicket('valais', ticket.id))).toBe(200);
    expect(await status(staffActor(sion), supportPaths.deskTicket('sion', ticket.id))).toBe(404);
    // Reached through another authority's address, the canton's ticket stays absent too.
    expect(await status(staffActor(sion), supportPaths.deskTicket('valais', ticket.id))).toBe(404);
  });

  it('lets the canton’s desk add a question people then find, and no other authority', async () => {
    const client = httpClient(testApp.app);
    actor = staffActor(sion);
    await client.get(supportPaths.desk('sion'));
    const fields = {
      service: '',
      'question.fr': 'Puis-je payer par facture QR ?',
      'answer.fr': 'Oui, depuis la page du paiement.',
    };
    expect((await client.post(`${supportPaths.desk('sion')}/faq`, fields)).status).toBe(404);
    actor = staffActor(canton);
    await client.get(supportPaths.desk('valais'));
    expect((await client.post(`${supportPaths.desk('valais')}/faq`, fields)).status).toBe(303);
    actor = null;
    const help = await (await testApp.app.request('/help?q=facture+QR')).text();
    expect(help).toContain('Puis-je payer par facture QR ?');
    expect(help).not.toContain('Comment me connecter');
  });

  it('lets the canton’s desk change and remove a question, audited, and no other authority', async () => {
    const { db } = testApp.database;
    await addFaqEntry(db, 'test', {
      serviceSlug: null,
      question: { fr: 'Où trouver mon numéro AVS ?' },
      answer: { fr: 'Sur votre carte d’assurance maladie.' },
    });
    const id = (
      await sql<{
        id: string;
      }>`select id from support_faq where question->>'fr' = 'Où trouver mon numéro AVS ?'`.execute(db)
    ).rows[0]?.id;
    const path = `${supportPaths.desk('valais')}/faq/${id}`;
    const changed = {
      service: '',
      'question.fr': 'Où trouver mon numéro AVS ?',
      'answer.fr': 'Au dos de votre carte d’assurance maladie.',
      'question.de': 'Wo finde ich meine AHV-Nummer?',
      'answer.de': 'Auf der Rückseite Ihrer Krankenversicherungskarte.',
    };
    actor = staffActor(sion);
    const outsider = httpClient(testApp.app);
    await outsider.get(supportPaths.desk('sion'));
    for (const at of [path, `${supportPaths.desk('sion')}/faq/${id}`])
      expect((await outsider.get(at)).status).toBe(404);
    expect((await outsider.post(`${supportPaths.desk('sion')}/faq/${id}`, changed)).status).toBe(404);
    expect((await outsider.post(`${supportPaths.desk('sion')}/faq/${id}/remove`, {})).status).toBe(404);

    const cantonStaff = staffActor(canton);
    actor = cantonStaff;
    const desk = httpClient(testApp.app);
    // Each language on a client of its own: the language cookie replaces the session's in this test client.
    expect(
      await (await httpClient(testApp.app).get(`${supportPaths.desk('valais')}?lang=en`)).text(),
    ).toContain(`<a href="${path}">Edit the question “Où trouver mon numéro AVS ?”</a>`);
    const form = await (await desk.get(path)).text();
    expect(form).toContain('Sur votre carte d’assurance maladie.</textarea>');
    expect((await desk.post(path, changed)).headers.get('location')).toBe(
      `${supportPaths.desk('valais')}?faq=saved`,
    );
    actor = null;
    const help = await (await testApp.app.request('/help?q=AHV&lang=de')).text();
    expect(help).toContain('Auf der Rückseite Ihrer Krankenversicherungskarte.');

    actor = cantonStaff;
    expect(await (await httpClient(testApp.app).get(`${path}/remove?lang=fr`)).text()).toContain(
      'Retirer la question «\u00a0Où trouver mon numéro AVS ?\u00a0»\u00a0?',
    );
    await desk.get(`${path}/remove`);
    const removed = await desk.post(`${path}/remove`, {});
    expect(removed.headers.get('location')).toBe(`${supportPaths.desk('valais')}?faq=removed`);
    actor = null;
    expect(await (await testApp.app.request('/help?q=AVS')).text()).not.toContain(
      'Où trouver mon numéro AVS',
    );
    const audit = await sql<{ action: string }>`
      select action from audit_events where subject_type = 'faq' and subject_id = ${id ?? ''} order by id`.execute(
      db,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'support.faqAdd',
      'support.faqEdit',
      'support.faqRemove',
    ]);
  });
});
