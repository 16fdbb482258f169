import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, personActor, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { pagePhoto } from '../../../tests/support/page-photos.ts';
import { oneQuestion, submitAnswers } from '../../../tests/support/requests.ts';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { cookiesFrom, csrfTokenIn, startTestWorker } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createForm, type FormDefinition, publishForm } from '../forms/index.ts';
import { createEndpoint } from '../integration/index.ts';
import { apiScopes } from '../policy/index.ts';
import { getCaseOfAuthority } from './get-case.ts';
import * as localisedLetters from './migrations/2026-11-24-21-cases-letters-localised.ts';
import { defaultWorkflow } from './workflow.ts';
import { saveWorkflow, workflowFor } from './workflow-store.ts';

let testApp: Awaited<ReturnType<typeof serveTestApp>>;
let worker: Runner;
let actor: Actor | null = null;
let citizen: PersonActor;
let spf = '';
let sion = '';
let formId = '';
/** How far the platform's clock runs ahead of the real one (time-outs are tested by moving it). */
let clockAhead = 0;

const definition = oneQuestion;

beforeAll(async () => {
  // On a real socket: the payment provider's simulator is reached over HTTP, as the real one would be.
  testApp = await serveTestApp({ actor: () => actor, now: () => new Date(Date.now() + clockAhead) });
  const { db } = testApp.database;
  worker = await startTestWorker(testApp);
  citizen = await createCitizen(
    db,
    { givenNames: 'Jean', familyName: 'Rey', email: 'jean@example.ch' },
    'high',
  );
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  const form = await createForm(db, 'test', { authorityId: spf, name: 'Extrait', definition });
  await publishForm(db, 'test', form);
  formId = form.id;
});
afterAll(async () => {
  await worker?.stop();
  await testApp?.close();
});

/** Runs the periodic time-out job through the worker, with the platform's clock `days` ahead. */
async function timeoutJobRuns(days: number) {
  clockAhead = days * 86_400_000;
  try {
    const jobId = await enqueue(testApp.database.db, 'cases:apply-timeouts', {});
    for (let i = 0; i < 200; i++) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from job_runs where job_id = ${jobId} and outcome = 'succeeded'`.execute(
        testApp.database.db,
      );
      if (rows[0]?.n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the time-out job did not run');
  } finally {
    clockAhead = 0;
  }
}

const get = (path: string) => testApp.app.request(path);
const post = (path: string, fields: Record<string, string | File>, from: string) =>
  httpClient(testApp.app).submit(path, fields, from);
const pdf = (text: string) =>
  new File([`%PDF-1.4\n% ${text}\n%%EOF\n`], 'decision.pdf', { type: 'application/pdf' });

/** Submits the form for the citizen and waits for the job to open the request. */
async function submitted(
  purpose: string,
  mandateId: string | null = null,
  form = formId,
  more: Record<string, unknown> = {},
) {
  const { db } = testApp.database;
  const submission = await submitAnswers(db, citizen, form, { purpose, ...more }, mandateId);
  for (let i = 0; i < 200; i++) {
    const found = await sql<{
      id: string;
    }>`select id from cases where submission_id = ${submission.id}`.execute(db);
    if (found.rows[0]) return found.rows[0].id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no request opened');
}

/** A published one-step form of the Service des poursuites. */
async function oneStepForm(
  name: string,
  title: string,
  stepTitle: string,
  fields: FormDefinition['steps'][number]['fields'],
) {
  const form = await createForm(testApp.database.db, 'test', {
    authorityId: spf,
    name,
    definition: {
      format: 'guichet-form/1',
      title: { fr: title },
      steps: [{ id: 'main', title: { fr: stepTitle }, fields }],
    },
  });
  await publishForm(testApp.database.db, 'test', form);
  return form;
}

/**
 * A designer on the workflow page of `form`: each `send` posts the workflow as the page shows it now
 * (statuses, wording, transitions), plus the changes given.
 */
async function workflowEditor(form: string) {
  const path = `/back-office/forms/${form}/workflow`;
  actor = staffActor(spf, 'serviceDesigner');
  const page = await get(path);
  const token = csrfTokenIn(await page.text());
  return async (changes: Record<string, string>) => {
    const current = await workflowFor(testApp.database.db, form);
    const fields: Record<string, string> = { _csrf: token, initial: current.initial };
    for (const [id, status] of Object.entries(current.statuses)) {
      fields[`status.${id}.staffLabel.fr`] = status.staffLabel.fr;
      if (status.citizenLabel) fields[`status.${id}.citizenLabel.fr`] = status.citizenLabel.fr;
      if (status.final) fields[`status.${id}.final`] = 'yes';
    }
    current.transitions.forEach((transition, i) => {
      fields[`transition.${i}.from`] = transition.from;
      fields[`transition.${i}.to`] = transition.to;
      fields[`transition.${i}.label.fr`] = transition.label.fr;
      fields[`transition.${i}.roles`] = 'agent';
    });
    return testApp.app.request(path, {
      method: 'POST',
      body: new URLSearchParams({ ...fields, ...changes }),
      headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
    });
  };
}

describe('requests', () => {
  it('go from submission to decision: assign, complement, answer, decide into the documents, messages both ways', async () => {
    const id = await submitted('Location d’un appartement');
    const staffBase = '/back-office/authorities/spf/requests';
    actor = staffActor(spf, 'agent');
    const inbox = await (await get(`${staffBase}?status=submitted`)).text();
    expect(inbox).toContain(`${staffBase}/${id}`);
    expect((await post(`${staffBase}/${id}/assign`, {}, `${staffBase}/${id}`)).status).toBe(303);
    expect(await (await get(`${staffBase}?assignee=me`)).text()).toContain(`${staffBase}/${id}`);
    expect(
      (
        await post(
          `${staffBase}/${id}/complement`,
          { text: 'Joignez votre bail, s’il vous plaît.' },
          `${staffBase}/${id}`,
        )
      ).status,
    ).toBe(303);
    await post(`${staffBase}/${id}/notes`, { text: 'Client connu, dossier simple.' }, `${staffBase}/${id}`);

    actor = citizen;
    const mySpace = await (await get('/my')).text();
    expect(mySpace).toContain(`href="/requests/${id}"`); // it waits for the citizen's answer
    const waiting = await (await get(`/requests/${id}`)).text();
    expect(waiting).toContain('Complément demandé');
    const receipt = waiting.match(/href="(\/forms\/submissions\/[0-9a-f-]{36}\/receipt\.pdf)"/)?.[1] ?? '';
    // The receipt is issued and sealed by a job running beside the test: under load it may come later.
    await expect
      .poll(async () => (await get(receipt)).headers.get('Content-Type'), { timeout: 30_000 })
      .toBe('application/pdf');
    expect(waiting).toContain('Joignez votre bail');
    expect(waiting).not.toContain('Client connu'); // internal notes stay internal
    expect(
      (
        await post(
          `/requests/${id}/complement`,
          { text: 'Voici le bail.', file: pdf('bail') },
          `/requests/${id}`,
        )
      ).status,
    ).toBe(303);
    expect(
      (await post(`/requests/${id}/messages`, { text: 'Merci de faire vite.' }, `/requests/${id}`)).status,
    ).toBe(303);

    actor = staffActor(spf, 'agent');
    const page = await (await get(`${staffBase}/${id}`)).text();
    expect(page).toContain('Voici le bail.');
    expect(page).toContain('Merci de faire vite.');
    expect(page).toContain('Client connu');
    expect(page).toMatch(/<dd>(faible|substantiel|élevé) \(/); // the requester's level in words, not `high`
    expect(
      (await post(`${staffBase}/${id}/decide`, { outcome: 'granted' }, `${staffBase}/${id}`)).status,
    ).toBe(422);
    expect(
      (
        await post(
          `${staffBase}/${id}/decide`,
          { outcome: 'granted', file: pdf('décision') },
          `${staffBase}/${id}`,
        )
      ).status,
    ).toBe(303);
    const refusedFile = await post(
      `${staffBase}/${id}/messages`,
      { text: 'Votre extrait est prêt.', file: new File(['MZ…'], 'virus.exe') },
      `${staffBase}/${id}`,
    );
    expect(refusedFile.status).toBe(422);
    const refusedPage = await refusedFile.text();
    expect(refusedPage).toContain('Ce type de fichier n’est pas accepté');
    expect(refusedPage).toContain('>Votre extrait est prêt.</textarea>'); // nothing typed is lost
    await post(
      `${staffBase}/${id}/messages`,
      { text: 'Votre extrait est prêt.', file: pdf('notice explicative') },
      `${staffBase}/${id}`,
    );

    actor = citizen;
    const decided = await (await get(`/requests/${id}`)).text();
    expect(decided).toContain('Acceptée');
    expect(decided).toContain('Votre extrait est prêt.');
    const documentId = decided.match(/href="\/documents\/([0-9a-f-]{36})">Voir la décision/)?.[1];
    expect((await get(`/documents/${documentId}`)).status).toBe(200);
    const { rows } = await sql<{
      request_id: string;
      category: string;
    }>`select request_id, category from documents where id = ${documentId}`.execute(testApp.database.db);
    expect(rows[0]).toEqual({ request_id: id, category: 'decision' });
    // The message's attachment sits in the requester's documents, linked from the message.
    const noticeId = [...decided.matchAll(/href="\/documents\/([0-9a-f-]{36})">Voir le document/g)].at(
      -1,
    )?.[1];
    expect(await (await get(`/documents/${noticeId}/file`)).text()).toContain('notice explicative');
    await post(
      `/requests/${id}/messages`,
      { text: 'Voici encore une pièce.', file: pdf('attestation employeur') },
      `/requests/${id}`,
    );
    actor = staffActor(spf, 'agent');
    const withReply = await (await get(`${staffBase}/${id}`)).text();
    const links = [...withReply.matchAll(/href="([^"]+\/documents\/[0-9a-f-]{36})\?inline=1"/g)].map(
      (m) => m[1],
    );
    expect(links).toHaveLength(4); // the complement's, the decision, the notice, the attestation
    const opened = await Promise.all(links.map(async (link) => (await get(`${link}?inline=1`)).text()));
    expect(opened.some((content) => content.includes('attestation employeur'))).toBe(true);
    actor = staffActor(sion, 'authorityAdmin');
    expect((await get(`${links[0]?.replace('/spf/', '/sion/')}`)).status).toBe(404);
    actor = citizen;
    const told = await sql<{
      event: string;
    }>`select distinct event from notifications where person_id = ${citizen.id}`.execute(testApp.database.db);
    expect(told.rows.map((r) => r.event).sort()).toEqual(['newDocument', 'newMessage', 'requestStatus']);
    // Each names the request by its reference (never its content).
    const named = await sql<{ reference: string | null; expected: string }>`
      select n.reference, c.reference as expected from notifications n, cases c
      where n.person_id = ${citizen.id} and c.id = ${id}`.execute(testApp.database.db);
    for (const row of named.rows) expect(row.reference).toBe(row.expected);

    actor = staffActor(spf, 'agent');
    const csv = await (await get(`${staffBase}/export/csv`)).text();
    expect(csv.split('\r\n')[0]?.startsWith('"Référence";"Prestation";"État"')).toBe(true); // text() drops the BOM
    expect(csv).toContain('"Décidée : acceptée"');
  });

  it('are hidden from another authority: its agents get 404 on the request, its messages and its decision', async () => {
    const id = await submitted('Autre');
    actor = staffActor(sion, 'authorityAdmin');
    const sionBase = '/back-office/authorities/sion/requests';
    expect((await get(`${sionBase}/${id}`)).status).toBe(404);
    expect((await get(`/back-office/authorities/spf/requests/${id}`)).status).toBe(404);
    expect(await (await get(sionBase)).text()).not.toContain(id);
    const page = await get(sionBase);
    const body = new URLSearchParams({ _csrf: csrfTokenIn(await page.text()), text: 'Intrus' });
    const headers = { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' };
    expect(
      (await testApp.app.request(`${sionBase}/${id}/messages`, { method: 'POST', body, headers })).status,
    ).toBe(404);
    expect(
      (
        await testApp.app.request(`/back-office/authorities/spf/requests/${id}/decide`, {
          method: 'POST',
          body,
          headers,
        })
      ).status,
    ).toBe(404);
    actor = personActor();
    expect((await get(`/requests/${id}`)).status).toBe(404);
  });

  it('close by themselves when no complement comes within 30 days (the job, on a controlled clock)', async () => {
    const id = await submitted('Sans suite');
    actor = staffActor(spf, 'agent');
    await post(
      `/back-office/authorities/spf/requests/${id}/complement`,
      { text: 'Il manque une pièce.' },
      `/back-office/authorities/spf/requests/${id}`,
    );
    await timeoutJobRuns(29);
    expect((await getCaseOfAuthority(testApp.database.db, spf, id))?.status).toBe('awaiting_complement');
    await timeoutJobRuns(31);
    expect((await getCaseOfAuthority(testApp.database.db, spf, id))?.status).toBe('closed');
  });

  it('may be withdrawn by the requester while the workflow allows it', async () => {
    const id = await submitted('Erreur');
    actor = citizen;
    expect((await post(`/requests/${id}/withdraw`, {}, `/requests/${id}`)).status).toBe(303);
    expect(await (await get(`/requests/${id}`)).text()).toContain('Retirée');
    expect((await post(`/requests/${id}/withdraw`, {}, `/requests/${id}`)).status).toBe(409);
  });

  it('are found in the inbox by service, date, lateness and content, in the order asked', async () => {
    const late = await submitted('Urgent: commandement');
    const onTime = await submitted('Pas pressé');
    await sql`update cases set due_at = now() - interval '1 day' where id = ${late}`.execute(
      testApp.database.db,
    );
    actor = staffActor(spf, 'agent');
    const base = '/back-office/authorities/spf/requests';
    const overdue = await (await get(`${base}?overdue=1`)).text();
    expect(overdue).toContain(late);
    expect(overdue).not.toContain(onTime);
    const today = new Date().toISOString().slice(0, 10);
    expect(await (await get(`${base}?form=${formId}&from=${today}&to=${today}`)).text()).toContain(onTime);
    expect(await (await get(`${base}?from=2000-01-01&to=2000-12-31`)).text()).not.toContain(onTime);
    // Typed the Swiss way in the filter's text fields, and shown back that way.
    const swissToday = today.split('-').reverse().join('.');
    const typed = await (await get(`${base}?form=${formId}&from=${swissToday}&to=${swissToday}`)).text();
    expect(typed).toContain(onTime);
    expect(typed).toContain(`value="${swissToday}"`);
    expect(await (await get(`${base}?from=01.01.2000&to=31.12.2000`)).text()).not.toContain(onTime);
    expect(await (await get(`${base}?q=commandement`)).text()).toContain(late);
    const oldest = await (await get(`${base}?sort=oldest`)).text();
    const newest = await (await get(`${base}?sort=newest`)).text();
    expect(oldest.indexOf(late)).toBeLessThan(oldest.indexOf(onTime));
    expect(newest.indexOf(onTime)).toBeLessThan(newest.indexOf(late));
  });

  it('follow the workflow a designer sets for the service: wording, time-outs and who moves them', async () => {
    const path = `/back-office/forms/${formId}/workflow`;
    actor = staffActor(spf, 'agent');
    expect((await get(path)).status).toBe(404); // agents process requests, designers shape them
    actor = staffActor(spf, 'serviceDesigner');
    const page = await get(path);
    expect(page.status).toBe(200);
    const html = await page.text();
    const fields: Record<string, string> = {
      _csrf: csrfTokenIn(html),
      'status.in_progress.staffLabel.fr': 'En traitement',
      'status.in_progress.citizenLabel.fr': 'Votre dossier est à l’étude',
      'status.in_progress.citizenLabel.de': 'Ihr Dossier wird geprüft',
      'status.submitted.staffLabel.fr': 'Nouvelle',
      'status.submitted.citizenLabel.fr': 'Reçue',
      'status.submitted.timeoutDays': '2',
      'status.submitted.timeoutTo': 'closed',
      'transition.0.from': 'submitted',
      'transition.0.to': 'in_progress',
      'transition.0.label.fr': 'Ouvrir le dossier',
      'transition.0.label.de': 'Dossier eröffnen',
      'transition.0.roles': 'agent',
    };
    const send = (extra: Record<string, string>) =>
      testApp.app.request(path, {
        method: 'POST',
        body: new URLSearchParams({ ...fields, ...extra }),
        headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    const refused = await send({ 'transition.1.from': 'submitted', 'transition.1.to': 'closed' }); // nobody may make it
    expect(refused.status).toBe(422);
    expect((await send({})).status).toBe(303);

    const studied = await submitted('Selon le nouveau déroulement');
    const forgotten = await submitted('Laissée sans suite');
    actor = staffActor(spf, 'agent');
    const staffPage = await (await get(`/back-office/authorities/spf/requests/${studied}`)).text();
    expect(staffPage).toContain('Ouvrir le dossier');
    expect(await (await get(`/back-office/authorities/spf/requests/${studied}?lang=de`)).text()).toContain(
      'Dossier eröffnen',
    );
    await post(
      `/back-office/authorities/spf/requests/${studied}/transition`,
      { to: 'in_progress' },
      `/back-office/authorities/spf/requests/${studied}`,
    );
    actor = citizen;
    expect(await (await get(`/requests/${studied}`)).text()).toContain('Votre dossier est à l’étude');
    const inGerman = await get(`/requests/${studied}?lang=de`);
    expect(await inGerman.text()).toContain('Ihr Dossier wird geprüft');
    await timeoutJobRuns(3);
    expect((await getCaseOfAuthority(testApp.database.db, spf, forgotten))?.status).toBe('closed');
    expect((await getCaseOfAuthority(testApp.database.db, spf, studied))?.status).toBe('in_progress');
  });

  it('take the statuses a designer adds, and keep those that requests are in', async () => {
    const send = await workflowEditor(formId);
    const badCode = await send({ 'newStatus.id': 'Expertise!', 'newStatus.staffLabel.fr': 'Expertise' });
    expect(badCode.status).toBe(422);
    const badPage = await badCode.text();
    expect(badPage).toContain('n’est pas valable');
    expect(badPage).toContain('value="Expertise!"'); // what they typed is still there
    expect(
      (
        await send({
          'newStatus.id': 'expertise',
          'newStatus.staffLabel.fr': 'Chez l’expert',
          'newStatus.citizenLabel.fr': 'Expertise en cours',
          'newStatus.citizenLabel.de': 'Begutachtung läuft',
        })
      ).status,
    ).toBe(303);
    const added = await workflowFor(testApp.database.db, formId);
    expect(added.statuses.expertise?.citizenLabel).toEqual({
      fr: 'Expertise en cours',
      de: 'Begutachtung läuft',
    });
    const n = added.transitions.length;
    expect(
      (
        await send({
          [`transition.${n}.from`]: 'in_progress',
          [`transition.${n}.to`]: 'expertise',
          [`transition.${n}.label.fr`]: 'Envoyer à l’expert',
          [`transition.${n}.roles`]: 'agent',
          'status.expertise.staffLabel.fr': 'Chez l’expert',
          'status.expertise.citizenLabel.fr': 'Expertise en cours',
        })
      ).status,
    ).toBe(303);

    const id = await submitted('Avec expertise');
    actor = staffActor(spf, 'agent');
    const staffBase = `/back-office/authorities/spf/requests/${id}`;
    await post(`${staffBase}/transition`, { to: 'in_progress' }, staffBase);
    expect((await post(`${staffBase}/transition`, { to: 'expertise' }, staffBase)).status).toBe(303);
    actor = citizen;
    expect(await (await get(`/requests/${id}`)).text()).toContain('Expertise en cours');

    actor = staffActor(spf, 'serviceDesigner');
    const kept = await send({ 'status.expertise.remove': 'yes', 'status.in_progress.remove': 'yes' });
    expect(kept.status).toBe(422);
    expect(await kept.text()).toContain('Des demandes sont à l’état « Chez l’expert »');
    expect((await workflowFor(testApp.database.db, formId)).statuses.expertise).toBeDefined();
    expect((await workflowFor(testApp.database.db, formId)).statuses.in_progress).toBeDefined();
  });

  it('ask for the fee a status sets, and move on by themselves once it is paid', async () => {
    const permit = await createForm(testApp.database.db, 'test', {
      authorityId: spf,
      name: 'Attestation',
      definition,
    });
    await publishForm(testApp.database.db, 'test', permit);
    const send = await workflowEditor(permit.id);
    const added = await send({
      'newStatus.id': 'awaiting_fee',
      'newStatus.staffLabel.fr': 'Attend l’émolument',
    });
    expect(added.status).toBe(303);
    const fee = {
      initial: 'awaiting_fee',
      'status.awaiting_fee.citizenLabel.fr': 'Émolument à payer',
      'status.awaiting_fee.withdrawable': 'yes',
      'status.awaiting_fee.paymentPurpose.fr': 'Émolument d’attestation',
      'status.awaiting_fee.paidTo': 'in_progress',
    };
    const wrong = await send({ ...fee, 'status.awaiting_fee.paymentAmount': 'trente' });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('doit être un montant');
    expect((await send({ ...fee, 'status.awaiting_fee.paymentAmount': '30.50' })).status).toBe(303);

    const id = await submitted('Attestation de domicile', null, permit.id);
    actor = citizen;
    const person = httpClient(testApp.app);
    const page = await (await person.get(`/requests/${id}`)).text();
    expect(page).toContain('Émolument à payer');
    const paymentPath = page.match(/href="(\/payments\/[0-9a-f-]{36})"/)?.[1] ?? '';
    expect(await (await person.get(paymentPath)).text()).toContain('Émolument d’attestation');
    const checkout = await person.post(`${paymentPath}/checkout`, {});
    const paymentUrl = checkout.headers.get('Location') ?? '';
    expect(paymentUrl.startsWith(`${testApp.url}/simulators/datatrans/pay/v1/start/`)).toBe(true);
    const paid = await fetch(paymentUrl, {
      method: 'POST',
      body: new URLSearchParams({ action: 'pay', cardNumber: '4242424242424242' }),
      redirect: 'manual',
    });
    expect(new URL(paid.headers.get('Location') ?? '').pathname).toBe(paymentPath);
    for (
      let i = 0;
      i < 200 && (await getCaseOfAuthority(testApp.database.db, spf, id))?.status !== 'in_progress';
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    expect((await getCaseOfAuthority(testApp.database.db, spf, id))?.status).toBe('in_progress');
    const after = await (await person.get(`/requests/${id}`)).text();
    expect(after).toContain('Émolument payé');
    expect(after).toContain('Payé');

    // Withdrawn before its fee is paid: the fee is cancelled, and money paid all the same is flagged.
    const dropped = await submitted('Finalement non', null, permit.id);
    const droppedPage = await (await person.get(`/requests/${dropped}`)).text();
    const droppedPayment = droppedPage.match(/href="(\/payments\/[0-9a-f-]{36})"/)?.[1] ?? '';
    await person.get(droppedPayment);
    const late = (await person.post(`${droppedPayment}/checkout`, {})).headers.get('Location') ?? '';
    await person.get(`/requests/${dropped}`);
    expect((await person.post(`/requests/${dropped}/withdraw`, {})).status).toBe(303);
    const paymentId = droppedPayment.split('/').at(-1) ?? '';
    const statusOf = async () =>
      (
        await sql<{ status: string }>`select status from payments where id = ${paymentId}`.execute(
          testApp.database.db,
        )
      ).rows[0]?.status;
    expect(await statusOf()).toBe('cancelled');
    await fetch(late, {
      method: 'POST',
      body: new URLSearchParams({ action: 'pay', cardNumber: '4242424242424242' }),
      redirect: 'manual',
    });
    // The provider's webhook tells of money that is not owed any more: it is flagged, to be refunded.
    const flagged = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from payment_events where payment_id = ${paymentId} and kind = 'duplicate'`.execute(
          testApp.database.db,
        )
      ).rows[0]?.n ?? 0;
    for (let i = 0; i < 200 && (await flagged()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await flagged()).toBe(1);
    expect(await statusOf()).toBe('cancelled');
  });

  it('show staff the files sent with the answers, kept sealed, to their authority only', async () => {
    const { db } = testApp.database;
    const withProof = await oneStepForm('Avec pièce', 'Demande avec pièce', 'Demande', [
      { id: 'purpose', type: 'text', label: { fr: 'Motif' }, required: true },
      { id: 'proof', type: 'file', label: { fr: 'Justificatif' }, required: true },
    ]);
    actor = citizen;
    const person = httpClient(testApp.app);
    await person.get(`/forms/${withProof.id}/start`);
    const draft = (await person.post(`/forms/${withProof.id}/start`, {})).headers.get('Location') ?? '';
    await person.get(draft);
    const step = await person.post(`${draft}/steps/main`, {
      purpose: 'Bail',
      proof: pdf('contrat de bail signé'),
    });
    expect(step.headers.get('Location')).toBe(`${draft}/review`);
    await person.get(`${draft}/review`);
    expect((await person.post(`${draft}/submit`, {})).status).toBe(303);
    const stored = await sql<{ bytes: Buffer }>`
      select f.bytes from form_files f join form_drafts d on d.id = f.draft_id where d.form_id = ${withProof.id}`.execute(
      db,
    );
    expect(stored.rows[0]?.bytes.toString('latin1')).not.toContain('contrat de bail'); // sealed at rest

    let page = '';
    for (let i = 0; i < 200 && !page.includes('/files/'); i++) {
      actor = staffActor(spf, 'agent');
      const inbox = await (await get(`/back-office/authorities/spf/requests?form=${withProof.id}`)).text();
      const path = inbox.match(/href="(\/back-office\/authorities\/spf\/requests\/[0-9a-f-]{36})"/)?.[1];
      if (path) page = await (await get(path)).text();
      else await new Promise((r) => setTimeout(r, 50));
    }
    const file = page.match(/href="([^"]+\/files\/[0-9a-f-]{36})\?inline=1"/)?.[1] ?? '';
    const opened = await get(`${file}?inline=1`);
    expect(opened.headers.get('Content-Disposition')).toMatch(/^inline; filename="decision.pdf"/);
    expect(await opened.text()).toContain('contrat de bail signé');
    actor = staffActor(sion, 'authorityAdmin');
    expect((await get(file.replace('/spf/', '/sion/'))).status).toBe(404);
    actor = staffActor(spf, 'agent');
    expect((await get(file.replace(/files\/[0-9a-f-]{36}/, `files/${randomUUID()}`))).status).toBe(404);
  });

  it('ask the fee the form computes from the answers, and move on at once when it comes to nothing', async () => {
    const { db } = testApp.database;
    const perDog = await oneStepForm('Par chien', 'Taxe par chien', 'Chiens', [
      { id: 'purpose', type: 'text', label: { fr: 'Motif' } },
      { id: 'dogs', type: 'number', label: { fr: 'Chiens' }, integer: true },
      {
        id: 'fee',
        type: 'computed',
        label: { fr: 'Taxe' },
        expression: { '*': [{ var: 'dogs' }, 25] },
        format: 'chf',
      },
    ]);
    const send = await workflowEditor(perDog.id);
    await send({ 'newStatus.id': 'awaiting_fee', 'newStatus.staffLabel.fr': 'Attend la taxe' });
    const fee = {
      initial: 'awaiting_fee',
      'status.awaiting_fee.paymentPurpose.fr': 'Taxe des chiens',
      'status.awaiting_fee.paidTo': 'in_progress',
      'status.awaiting_fee.paymentField': 'fee',
    };
    expect((await send({ ...fee, 'status.awaiting_fee.paymentAmount': '10' })).status).toBe(422); // not both
    expect((await send(fee)).status).toBe(303);

    const three = await submitted('Chiens', null, perDog.id, { dogs: 3 });
    const none = await submitted('Chiens', null, perDog.id, { dogs: 0 });
    const unknown = await submitted('Chiens', null, perDog.id, { dogs: 'beaucoup' }); // nothing to compute from
    const fees = await sql<{ amount_cents: number }>`
      select amount_cents from payments where source like ${`case:${three}:%`} order by created_at desc limit 1`.execute(
      db,
    );
    expect(fees.rows[0]?.amount_cents).toBe(7500);
    for (let i = 0; i < 200 && (await getCaseOfAuthority(db, spf, none))?.status !== 'in_progress'; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect((await getCaseOfAuthority(db, spf, none))?.status).toBe('in_progress');
    // No amount at all is not "free": the request waits, and its staff are told why.
    expect((await getCaseOfAuthority(db, spf, unknown))?.status).toBe('awaiting_fee');
    actor = staffActor(spf, 'agent');
    expect(await (await get(`/back-office/authorities/spf/requests/${unknown}`)).text()).toContain(
      'L’émolument n’a pas pu être calculé',
    );
  });

  it('show a representative, even in my space, only the requests and fees of their own mandate', async () => {
    const mine = await submitted('Sous mandat', randomUUID());
    const representative = personActor({
      account: citizen.account,
      mandate: { id: randomUUID(), themes: ['tax'] },
    });
    actor = representative;
    const space = await (await get('/my')).text();
    expect(space).not.toContain('Demandes en cours');
    expect(space).not.toContain('À payer');
    expect(await (await get('/requests')).text()).not.toContain(mine);
    actor = citizen;
    expect(await (await get('/my')).text()).toContain('Demandes en cours');
  });

  it('keep the letters of workflows saved before letters had languages, as their French text', async () => {
    const { db } = testApp.database;
    const legacy = randomUUID();
    const old = {
      ...defaultWorkflow,
      statuses: {
        ...defaultWorkflow.statuses,
        granted: { staffLabel: { fr: 'Acceptée' }, letter: { title: 'Oui', text: 'Accepté.' } },
      },
    };
    await sql`insert into case_workflows (form_id, definition, updated_by) values (${legacy}, ${JSON.stringify(old)}::jsonb, 'test')`.execute(
      db,
    );
    await localisedLetters.up(db as never);
    const converted = await workflowFor(db, legacy);
    expect(converted.statuses.granted?.letter).toEqual({ title: { fr: 'Oui' }, text: { fr: 'Accepté.' } });
    expect(converted.statuses.submitted).toEqual(defaultWorkflow.statuses.submitted);
  });

  it('reach the business application with who acted for whom, and the data model', async () => {
    const mandateId = '6f1c2a8e-1111-4a4a-9b9b-2c2c2c2c2c2c';
    const id = await submitted('Par mandat', mandateId);
    actor = { kind: 'apiClient', id: randomUUID(), authorityId: spf, scopes: apiScopes };
    const response = await get(`/api/v1/requests/${id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id,
      levelOfAssurance: 'high',
      onBehalfOf: { accountId: citizen.account.id, name: 'Jean Rey' },
      actedBy: { personId: citizen.id, name: 'Jean Rey' },
      mandate: { id: mandateId },
      answers: { purpose: 'Par mandat' },
    });
    actor = { kind: 'apiClient', id: randomUUID(), authorityId: sion, scopes: apiScopes };
    expect((await get(`/api/v1/requests/${id}`)).status).toBe(404);

    actor = staffActor(spf, 'agent');
    const page = await (await get(`/back-office/authorities/spf/requests/${id}`)).text();
    expect(page).toContain('Représenté par mandat');
    const exported = (await (
      await get(`/back-office/authorities/spf/requests/export/json?form=${formId}`)
    ).json()) as {
      dataModels: Record<string, { $schema: string }>;
      requests: { dataModel: string }[];
    };
    expect(exported.dataModels[`${formId}/1`]?.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(exported.requests.length).toBeGreaterThan(0);
    expect(exported.requests.every((r) => r.dataModel === `${formId}/1`)).toBe(true); // that service's only
  });

  it('tell the business application of a status change (Standard Webhooks) and write the letter it asks', async () => {
    const calls: { body: string; headers: Record<string, string> }[] = [];
    const receiver = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        calls.push({ body, headers: request.headers as Record<string, string> });
        response.statusCode = 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    try {
      const { secret } = await createEndpoint(testApp.database.db, testApp.platform.secrets, 'test', {
        authorityId: spf,
        url,
        events: ['request.status_changed'],
        formIds: [formId],
      });
      const workflow = await workflowFor(testApp.database.db, formId);
      await saveWorkflow(testApp.database.db, 'test', formId, {
        ...workflow,
        statuses: {
          ...workflow.statuses,
          granted: {
            ...workflow.statuses.granted,
            staffLabel: { fr: 'Acceptée' },
            letter: {
              title: { fr: 'Confirmation {reference}', de: 'Bestätigung {reference}' },
              text: {
                fr: 'Bonjour {requester}, votre demande {request} est acceptée.',
                de: 'Guten Tag {requester}, Ihr Gesuch {request} ist gutgeheissen.',
              },
            },
          },
        },
      });
      // The requester reads German: the letter is written in German.
      await sql`update persons set preferred_language = 'de' where id = ${citizen.id}`.execute(
        testApp.database.db,
      );
      const id = await submitted('Avec webhook');
      actor = staffActor(spf, 'agent');
      await post(
        `/back-office/authorities/spf/requests/${id}/decide`,
        { outcome: 'granted', file: pdf('ok') },
        `/back-office/authorities/spf/requests/${id}`,
      );
      const granted = () =>
        calls.find(
          (call) =>
            (JSON.parse(call.body) as { data: { request: { status: string } } }).data.request.status ===
            'granted',
        );
      for (let i = 0; i < 200 && !granted(); i++) await new Promise((r) => setTimeout(r, 100));
      const call = granted();
      expect(new Webhook(secret).verify(call?.body ?? '', call?.headers ?? {})).toMatchObject({
        type: 'request.status_changed',
        data: { request: { id, status: 'granted' } },
      });
      // The status also asked for a letter: it is in the requester's documents, linked to the request.
      const reference = (await getCaseOfAuthority(testApp.database.db, spf, id))?.reference;
      const letters = async () =>
        (
          await sql<{ title: string }>`
            select title from documents where request_id = ${id} and category = 'correspondence'`.execute(
            testApp.database.db,
          )
        ).rows.map((r) => r.title);
      for (let i = 0; i < 100 && (await letters()).length === 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await letters()).toEqual([`Bestätigung ${reference}`]);
      await sql`update persons set preferred_language = 'fr' where id = ${citizen.id}`.execute(
        testApp.database.db,
      );
    } finally {
      receiver.close();
    }
  });

  it('move on by themselves when a rule of the workflow holds on the answers', async () => {
    const workflow = await workflowFor(testApp.database.db, formId);
    await saveWorkflow(testApp.database.db, 'test', formId, {
      ...workflow,
      transitions: [
        ...workflow.transitions,
        {
          from: 'submitted',
          to: 'in_progress',
          roles: ['agent'],
          label: { fr: 'Urgent' },
          auto: { '==': [{ var: 'purpose' }, 'Urgent'] },
        },
      ],
    });
    const urgent = await submitted('Urgent');
    const ordinary = await submitted('Ordinaire');
    for (
      let i = 0;
      i < 50 && (await getCaseOfAuthority(testApp.database.db, spf, urgent))?.status !== 'in_progress';
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    expect((await getCaseOfAuthority(testApp.database.db, spf, urgent))?.status).toBe('in_progress');
    expect((await getCaseOfAuthority(testApp.database.db, spf, ordinary))?.status).toBe('submitted');
  });
});

describe('a complement sent as photos of its pages', () => {
  it('becomes one PDF, like a document field’s; photos mixed with a PDF are sent back', async () => {
    const id = await submitted('Location d’un appartement');
    const staffBase = '/back-office/authorities/spf/requests';
    actor = staffActor(spf, 'agent');
    await post(`${staffBase}/${id}/complement`, { text: 'Joignez votre bail.' }, `${staffBase}/${id}`);
    actor = citizen;
    const client = httpClient(testApp.app);
    const send = async (files: File[]) => {
      await client.get(`/requests/${id}`);
      const body = new FormData();
      body.append('_csrf', client.csrf());
      body.append('text', 'Voici les deux pages du bail.');
      for (const file of files) body.append('file', file);
      return testApp.app.request(`/requests/${id}/complement`, {
        method: 'POST',
        headers: { Cookie: client.cookie() },
        body,
      });
    };
    const photo = async (seed: number) =>
      new File([new Uint8Array(await pagePhoto({ seed }))], `IMG_${seed}.jpg`, { type: 'image/jpeg' });
    const mixed = await send([await photo(1), pdf('bail')]);
    expect(mixed.status).toBe(422);
    expect(await mixed.text()).toContain('Envoyez un seul PDF, ou des photos des pages');
    expect((await send([await photo(1), await photo(2)])).status).toBe(303);
    const { rows } = await sql<{ filename: string; content_type: string }>`
      select filename, content_type from documents where request_id = ${id}`.execute(testApp.database.db);
    expect(rows).toEqual([{ filename: 'IMG_1.pdf', content_type: 'application/pdf' }]);
  });
});
