import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { issuingContextOf } from '../signing/index.ts';
import { type Case, RequestChangedError } from './cases.ts';
import { decideRequest } from './decide-request.ts';
import { getCaseOfAuthority } from './get-case.ts';
import { followAutomaticTransitions, moveTo } from './move-request.ts';
import { defaultWorkflow } from './workflow.ts';
import { saveWorkflow } from './workflow-store.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let citizen: PersonActor;
let spf = '';
let formId = '';
const clerk = { ref: 'person:clerk', name: 'Luc Agent' };
const pdf = (text: string) => ({ name: 'decision.pdf', bytes: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`) });

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  citizen = await createCitizen(db, { givenNames: 'Léa', familyName: 'Favre' });
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  formId = (await createRequestForm(db, spf)).id;
});
afterAll(() => testApp?.close());

/** What the requester has been told of, and what sits in their documents, about this request. */
async function trailOf(item: Case) {
  const { db } = testApp.database;
  const documents = await sql<{ id: string }>`select id from documents where request_id = ${item.id}`.execute(
    db,
  );
  const told = await sql<{ event: string }>`
    select event from notifications where person_id = ${citizen.id} and link in (${`/requests/${item.id}`}, ${documents.rows[0] ? `/documents/${documents.rows[0].id}` : ''})`.execute(
    db,
  );
  return {
    status: (await getCaseOfAuthority(db, spf, item.id))?.status,
    documents: documents.rows.length,
    told: told.rows.map((r) => r.event).sort(),
  };
}

describe('deciding a request', () => {
  it('publishes the decision, moves the request and tells the requester, together', async () => {
    const item = await openRequest(testApp.database.db, citizen, formId);
    const decided = await decideRequest(await issuingContextOf(testApp.platform), {
      item,
      seenVersion: item.version,
      actor: clerk,
      outcome: 'granted',
      file: pdf('oui'),
    });
    expect(decided.version).toBe(item.version + 1);
    expect(await trailOf(item)).toEqual({
      status: 'granted',
      documents: 1,
      told: ['newDocument', 'requestStatus'],
    });
  });

  it('does nothing, and tells nobody, when another clerk moved the request since it was seen', async () => {
    const { db } = testApp.database;
    const item = await openRequest(db, citizen, formId);
    // Another clerk takes it in hand and asks for a complement, then the requester answers: the status is
    // the one the first clerk saw, but the request is not.
    await moveTo(db, item, clerk, 'in_progress');
    const seen = (await getCaseOfAuthority(db, spf, item.id)) as Case;
    await moveTo(db, seen, clerk, 'awaiting_complement');
    await moveTo(
      db,
      { ...seen, status: 'awaiting_complement', version: seen.version + 1 },
      clerk,
      'in_progress',
    );
    const now = (await getCaseOfAuthority(db, spf, item.id)) as Case;
    expect(now.status).toBe(seen.status);
    const before = await trailOf(item);
    await expect(
      decideRequest(await issuingContextOf(testApp.platform), {
        item: now,
        seenVersion: seen.version,
        actor: clerk,
        outcome: 'refused',
        file: pdf('non'),
      }),
    ).rejects.toBeInstanceOf(RequestChangedError);
    expect(await trailOf(item)).toEqual(before);
  });

  it('leaves no document and no message behind when it fails after publishing (a crash mid-way)', async () => {
    const { db } = testApp.database;
    const item = await openRequest(db, citizen, formId);
    await sql`
      create function refuse_decision() returns trigger language plpgsql as $$
      begin if new.kind = 'decision' then raise exception 'crash'; end if; return new; end $$`.execute(db);
    await sql`create trigger refuse_decision before insert on case_events for each row execute function refuse_decision()`.execute(
      db,
    );
    try {
      await expect(
        decideRequest(await issuingContextOf(testApp.platform), {
          item,
          seenVersion: item.version,
          actor: clerk,
          outcome: 'granted',
          file: pdf('oui'),
        }),
      ).rejects.toThrow(/crash/);
    } finally {
      await sql`drop trigger refuse_decision on case_events; drop function refuse_decision()`.execute(db);
    }
    expect(await trailOf(item)).toEqual({ status: 'submitted', documents: 0, told: [] });
  });

  it('stops the automatic moves that follow when someone moved the request meanwhile, without failing', async () => {
    const { db } = testApp.database;
    const form = await createRequestForm(db, spf, 'Automatique');
    await saveWorkflow(db, 'test', form.id, {
      ...defaultWorkflow,
      transitions: [
        ...defaultWorkflow.transitions,
        {
          from: 'in_progress',
          to: 'closed',
          roles: ['agent'],
          label: { fr: 'Clore' },
          auto: { '==': [1, 1] },
        },
      ],
    });
    const item = await openRequest(db, citizen, form.id);
    // The clerk's move landed (version 1), then someone else moved the request on before the rule ran.
    const landed = { ...item, status: 'in_progress', version: item.version + 1 };
    await sql`update cases set status = 'in_progress', version = version + 2 where id = ${item.id}`.execute(
      db,
    );
    await expect(followAutomaticTransitions(db, landed)).resolves.toBeUndefined();
    expect((await getCaseOfAuthority(db, spf, item.id))?.status).toBe('in_progress');
  });

  it('answers 409 with a page saying someone else changed the request, in fr, de and en', async () => {
    const { db } = testApp.database;
    const item = await openRequest(db, citizen, formId);
    const page = `/back-office/authorities/spf/requests/${item.id}`;
    actor = staffActor(spf, 'agent');
    const first = httpClient(testApp.app);
    const html = await (await first.get(page)).text();
    const version = html.match(/name="version" value="(\d+)"/)?.[1] ?? '';
    expect(version).toBe(String(item.version));
    // Meanwhile another clerk takes the request in hand.
    const second = httpClient(testApp.app);
    expect((await second.submit(`${page}/transition`, { to: 'in_progress', version }, page)).status).toBe(
      303,
    );
    // Each post takes the token of a fresh page, but the version the clerk saw first.
    const decide = async (lang: string) =>
      (await first.get(page)) &&
      first.post(`${page}/decide?lang=${lang}`, {
        outcome: 'granted',
        version,
        file: new File([pdf('oui').bytes], 'decision.pdf', { type: 'application/pdf' }),
      });
    const refused = await decide('fr');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Quelqu’un d’autre a modifié cette demande');
    expect(await (await decide('de')).text()).toContain('Jemand anders hat dieses Gesuch geändert');
    expect(await (await decide('en')).text()).toContain('Someone else changed this request');
    // A move offered on what the clerk no longer sees is refused the same way.
    await first.get(page);
    const moved = await first.post(`${page}/transition?lang=fr`, { to: 'in_progress', version });
    expect(moved.status).toBe(409);
    expect(await moved.text()).toContain('Quelqu’un d’autre a modifié cette demande');
    expect(await trailOf(item)).toEqual({ status: 'in_progress', documents: 0, told: ['requestStatus'] });
    // Once they have read the request again, their decision goes through.
    const fresh = (await (await first.get(page)).text()).match(/name="version" value="(\d+)"/)?.[1] ?? '';
    const decided = await first.post(`${page}/decide`, {
      outcome: 'granted',
      version: fresh,
      file: new File([pdf('oui').bytes], 'decision.pdf', { type: 'application/pdf' }),
    });
    expect(decided.status).toBe(303);
    expect((await trailOf(item)).status).toBe('granted');
  });
});
