import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { sealPending } from '../../../tests/support/issuing.ts';
import { pdfText } from '../../../tests/support/pdf-text.ts';
import { createRequestForm, openRequest } from '../../../tests/support/requests.ts';
import { createTestApp } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { defaultWorkflow } from './workflow.ts';
import { saveWorkflow } from './workflow-store.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let clerk: PersonActor;
let citizen: PersonActor;
let formId = '';
const inbox = '/back-office/authorities/spf/requests';

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  clerk = {
    ...(await createCitizen(db, { givenNames: 'Luc', familyName: 'Clerc' })),
    staffRoles: [{ authorityId: spf, role: 'agent' }],
  };
  citizen = await createCitizen(db, { givenNames: 'Émilie', familyName: 'Bonvin' });
  formId = (await createRequestForm(db, spf, 'Extrait')).id;
});
afterAll(() => testApp?.close());

const page = async (path: string) => {
  const response = await testApp.app.request(path);
  expect(response.status).toBe(200);
  return response.text();
};

/** A CSV as a spreadsheet reads it: `;` between quoted fields, one request per line. */
function parseCsv(text: string): string[][] {
  return text
    .split('\r\n')
    .filter(Boolean)
    .map((line) =>
      [...line.matchAll(/"((?:[^"]|"")*)"(?:;|$)/g)].map((m) => (m[1] ?? '').replace(/""/g, '"')),
    );
}

describe('the back office', () => {
  it('is in the header for staff only', async () => {
    actor = citizen;
    expect(await page('/my')).not.toContain('href="/back-office"');
    actor = clerk;
    expect(await page('/my')).toContain('<a href="/back-office">Back-office</a>');
  });

  it('lists the tools other modules add only where the authority has something for them', async () => {
    const { db } = testApp.database;
    const agentOf = async (slug: string) => {
      actor = staffActor((await getAuthorityBySlug(db, slug))?.id ?? '', 'agent');
      return page('/back-office?lang=fr');
    };
    for (const slug of ['spf', 'ssp', 'scc']) {
      const home = await agentOf(slug);
      expect(home).toContain(`/back-office/authorities/${slug}/requests`);
      expect(home).not.toContain('Réservations de salles et de matériel');
    }
    expect(await agentOf('sion')).toContain(
      '<a href="/back-office/authorities/sion/bookings">Réservations de salles et de matériel</a>',
    );
    expect(await agentOf('ssp')).toContain('href="/back-office/authorities/ssp/narcotics"');
    expect(await agentOf('spf')).not.toContain('/narcotics');
  });

  it('shows a platform admin the authority they work in first, the others they administer in one list', async () => {
    const { db } = testApp.database;
    const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
    actor = { ...staffActor(sion, 'authorityAdmin'), platformAdmin: true };
    const home = await page('/back-office?lang=fr');
    const sections = [...home.matchAll(/<h2 id="([^"]+)"/g)].map((m) => m[1]);
    expect(sections).toEqual(['desk-sion', 'desks-administered']);
    const administered = home.slice(home.indexOf('id="desks-administered"'));
    expect(administered).toContain(
      'Brigue-Glis : <a href="/authorities/brig-glis/branding" aria-label="Apparence (Brigue-Glis)">Apparence</a>',
    );
    expect(administered).not.toContain('Sion :');
    expect(await page('/back-office?lang=de')).toContain('Weitere Behörden (Plattformadministration)');
    expect(await page('/back-office?lang=en')).toContain('Other authorities (platform administration)');
  });

  it('has a home with the clerk’s queues and counts, each leading to the inbox filtered so', async () => {
    const { db } = testApp.database;
    await openRequest(db, citizen, formId, { purpose: 'Bail' });
    const taken = await openRequest(db, citizen, formId, { purpose: 'Emploi' });
    actor = clerk;
    const client = httpClient(testApp.app);
    await client.submit(`${inbox}/assign`, { ids: taken.id }, inbox);
    const home = await page('/back-office');
    expect(home).toContain('Service des poursuites et faillites');
    expect(home).toContain('Nouvelles, non attribuées : 1');
    expect(home).toContain('Attribuées à moi : 1');
    expect(home).toContain('En attente de paiement : 0');
    expect(home).toContain('href="/back-office/authorities/spf/payments"');
    expect(home).not.toContain('href="/authorities/spf/branding"'); // an agent does not manage branding
    const mine = home.match(/href="([^"]+)">Attribuées à moi/)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const list = await page(mine);
    expect(list).toContain(taken.reference);
    expect(list.match(/name="ids"/g)).toHaveLength(1);
    expect(list).toContain('Émilie Bonvin'); // the requester's name in the inbox
    const work = await page('/my');
    expect(work).toContain('Travail en attente');
    expect(work).toContain('Attribuées à moi : 1');
  });

  it('counts in "waiting for payment" the requests in a status whose workflow asks a fee', async () => {
    const { db } = testApp.database;
    const spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
    const paid = (await createRequestForm(db, spf, 'Payant')).id;
    await saveWorkflow(db, 'test', paid, {
      ...defaultWorkflow,
      statuses: {
        ...defaultWorkflow.statuses,
        awaiting_fee: {
          staffLabel: { fr: 'Attend l’émolument' },
          payment: { amountCents: 1700, purpose: { fr: 'Émolument' }, paidTo: 'submitted' },
        },
      },
    });
    const item = await openRequest(db, citizen, paid, { purpose: 'Bail' });
    await sql`update cases set status = 'awaiting_fee' where id = ${item.id}`.execute(db);
    actor = clerk;
    const home = await page('/back-office');
    expect(home).toContain('En attente de paiement : 1');
    const waiting = home.match(/href="([^"]+)">En attente de paiement/)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(await page(waiting)).toContain(item.reference);
    await sql`update cases set status = 'closed' where id = ${item.id}`.execute(db);
  });

  it('pages the inbox by the request at the edge of the page, and says how many were found', async () => {
    const { db } = testApp.database;
    const item = await openRequest(db, citizen, formId, { purpose: 'Pages' });
    await sql`
      insert into cases (reference, authority_id, form_id, form_version, submission_id, title, account_id,
        person_id, level, answers, status)
      select 'PAGE-' || g, authority_id, form_id, form_version, gen_random_uuid(), title, account_id,
        person_id, level, answers, status
      from cases, generate_series(1, 30) g where id = ${item.id}`.execute(db);
    actor = clerk;
    const ids = (html: string) => [...html.matchAll(/name="ids" value="([^"]+)"/g)].map((m) => m[1]);
    const link = (html: string, rel: string) =>
      new RegExp(`href="([^"]+)" rel="${rel}"`).exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const first = await page(inbox);
    const total = Number(/Demandes trouvées : (\d+)/.exec(first)?.[1]);
    expect(total).toBeGreaterThan(30);
    expect(link(first, 'prev')).toBe('');
    expect(link(first, 'next')).toContain(`after=${ids(first).at(-1)}`);
    const seen = [...ids(first)];
    for (let html = first; link(html, 'next'); ) {
      html = await page(link(html, 'next'));
      expect(link(html, 'prev')).toContain(`before=${ids(html)[0]}`);
      seen.push(...ids(html));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    await sql`delete from cases where reference like 'PAGE-%' or id = ${item.id}`.execute(db);
  });

  it('exports CSV a Swiss spreadsheet opens: ; BOM, local times, status words, one column per answer', async () => {
    actor = clerk;
    const response = await testApp.app.request(`${inbox}/export/csv?form=${formId}`);
    expect(response.headers.get('Content-Type')).toContain('text/csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(header?.slice(0, 4)).toEqual(['Référence', 'Prestation', 'État', 'Déposée le']);
    expect(header?.at(-1)).toBe('Motif');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toHaveLength(header?.length ?? 0);
      expect(row[2]).toBe('Nouvelle');
      expect(row[3]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
      expect(row[4]).toBe('Émilie Bonvin');
    }
    expect(rows.map((r) => r.at(-1)).sort()).toEqual(['Bail', 'Emploi']);
  });
});

describe('a decision made from a letter', () => {
  /** The decision the requester finds in their documents, as text. */
  async function decisionOf(id: string) {
    const { rows } = await sql<{ id: string }>`
      select id from documents where request_id = ${id} and category = 'decision'`.execute(
      testApp.database.db,
    );
    expect(rows).toHaveLength(1);
    actor = citizen;
    // Issued with the decision, sealed by a job moments later: only then handed out.
    expect((await testApp.app.request(`/documents/${rows[0]?.id}/file`)).status).toBe(409);
    await sealPending(testApp);
    const file = await testApp.app.request(`/documents/${rows[0]?.id}/file`);
    expect(file.headers.get('Content-Type')).toContain('application/pdf');
    return pdfText(new Uint8Array(await file.arrayBuffer()));
  }

  it('fills the standard letter for the requester and publishes it as the decision', async () => {
    const item = await openRequest(testApp.database.db, citizen, formId, { purpose: 'Crédit' });
    actor = clerk;
    const client = httpClient(testApp.app);
    const page = `${inbox}/${item.id}`;
    const refused = await client.submit(
      `${page}/decide`,
      { outcome: 'refused', template: 'none', version: String(item.version) },
      page,
    );
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Choisissez un modèle de lettre ou joignez votre document');
    const decided = await client.submit(
      `${page}/decide`,
      { outcome: 'refused', template: 'standard', version: String(item.version) },
      page,
    );
    expect(decided.status).toBe(303);
    const text = await decisionOf(item.id);
    expect(text).toContain('Émilie Bonvin');
    expect(text).toContain(item.reference);
    expect(text).toContain('Extrait');
    expect(text).toContain('Décision : Refusée.');
  });

  it('uses the letter the workflow’s designers worded, once, in the requester’s language', async () => {
    const { db } = testApp.database;
    const granted = defaultWorkflow.statuses.granted ?? { staffLabel: { fr: '' } };
    await saveWorkflow(db, 'test', formId, {
      ...defaultWorkflow,
      statuses: {
        ...defaultWorkflow.statuses,
        granted: {
          ...granted,
          letter: {
            title: { fr: 'Extrait accordé', de: 'Auszug gewährt' },
            text: { fr: 'Bonjour {requester}, votre demande {reference} est acceptée.', de: 'Guten Tag' },
          },
        },
      },
    });
    const item = await openRequest(db, citizen, formId, { purpose: 'Bail' });
    actor = clerk;
    const client = httpClient(testApp.app);
    const page = `${inbox}/${item.id}`;
    expect(await (await client.get(page)).text()).toContain(
      '<option value="granted">Extrait accordé</option>',
    );
    const decided = await client.post(`${page}/decide`, {
      outcome: 'granted',
      template: 'granted',
      version: String(item.version),
    });
    expect(decided.status).toBe(303);
    expect(await decisionOf(item.id)).toContain(
      `Bonjour Émilie Bonvin, votre demande ${item.reference} est acceptée.`,
    );
    // Entering "granted" would send this letter too: the decision already is that letter.
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from graphile_worker.jobs where task_identifier = 'cases:generate-letter'`.execute(
      db,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });
});
