import { randomUUID } from 'node:crypto';
import type { Runner } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCitizen, personActor, staffActor } from '../../../tests/support/factories.ts';
import { httpClient } from '../../../tests/support/http-client.ts';
import { startSmtpSink } from '../../../tests/support/smtp-sink.ts';
import { cookiesFrom, createTestApp, csrfTokenIn, startTestWorker } from '../../../tests/support/test-app.ts';
import type { Actor, PersonActor } from '../../platform/http/access.ts';
import { ensurePersonalAccount } from '../accounts/index.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { createPersonWithLink } from '../identity/index.ts';
import { acceptMandate, proposeMandate } from '../mandates/index.ts';
import { apiScopes } from '../policy/index.ts';
import { publishDocument } from './documents.ts';
import { vaultOf } from './vault.ts';

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let worker: Runner;
let actor: Actor | null = null;
const people: Record<string, { id: string; accountId: string; actor: PersonActor }> = {};
let spf = '';
let sion = '';

beforeAll(async () => {
  smtp = await startSmtpSink();
  testApp = await createTestApp({
    actor: () => actor,
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_URL: 'https://guichet.example' },
  });
  worker = await startTestWorker(testApp);
  const { db } = testApp.database;
  for (const [name, avs, language] of [
    ['Thomas', '7562345678908', 'de'],
    ['Claire', '7564567890120', 'fr'],
    ['Anna', '7563456789019', 'fr'],
  ] as const) {
    const { person } = await createPersonWithLink(
      db,
      {
        givenNames: name,
        familyName: 'Test',
        avs,
        dateOfBirth: '1980-05-17',
        email: `${name.toLowerCase()}@example.ch`,
        emailVerified: true,
        language,
      },
      { provider: 'test', subject: name, level: 'high' },
    );
    const accountId = await ensurePersonalAccount(db, person.id, `${name} Test`);
    people[name] = {
      id: person.id,
      accountId,
      actor: personActor({
        id: person.id,
        displayName: `${name} Test`,
        language,
        account: { id: accountId, name: `${name} Test`, kind: 'personal' },
      }),
    };
  }
  spf = (await getAuthorityBySlug(db, 'spf'))?.id ?? '';
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
});
afterAll(async () => {
  await worker?.stop();
  await smtp?.stop();
  await testApp?.close();
});

const person = (name: string) => people[name] as (typeof people)[string];
const get = (path: string) => testApp.app.request(path);
const pdf = (text: string) =>
  new File([`%PDF-1.4\n% ${text}\n%%EOF\n`], 'décision finale.pdf', { type: 'application/pdf' });

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Publishes through the agent's form, as a browser would send it. */
async function publish(fields: Record<string, string>, file: File | null = pdf('contenu secret')) {
  const page = await get('/back-office/authorities/spf/documents/new');
  const html = await page.text();
  const body = new FormData();
  body.set('_csrf', csrfTokenIn(html));
  body.set('idempotencyKey', html.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] ?? '');
  for (const [key, value] of Object.entries({ recipientBy: 'avs', category: 'decision', ...fields }))
    body.set(key, value);
  if (file) body.set('file', file);
  return testApp.app.request('/back-office/authorities/spf/documents/new', {
    method: 'POST',
    body,
    headers: { Cookie: cookiesFrom(page) },
  });
}

describe('publishing a document', () => {
  it('is for the authority’s own staff only', async () => {
    actor = staffActor(sion, 'agent');
    expect((await get('/back-office/authorities/spf/documents/new')).status).toBe(404);
    actor = null;
    expect((await get('/back-office/authorities/spf/documents/new')).status).toBe(303);
  });

  it('explains what is missing and keeps what was typed', async () => {
    actor = staffActor(spf, 'agent');
    const response = await publish({ avs: '756.9999.9999.99', title: '' }, null);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Aucune personne ou entreprise ne correspond');
    expect(html).toContain('Saisissez le titre du document');
    expect(html).toContain('Choisissez le fichier du document');
    expect(html).toContain('value="756.9999.9999.99"');
  });

  it('tells the recipient by e-mail in their language, without the content, and they open it', async () => {
    actor = staffActor(spf, 'agent');
    const response = await publish({
      avs: '756.2345.6789.08',
      title: 'Zahlungsbefehl Nr. 4411',
      message: 'Frist: 20 Tage',
      theme: 'debtCollection',
    });
    expect(response.status).toBe(303);
    const documentId = new URL(response.headers.get('Location') ?? '', 'http://x').searchParams.get(
      'published',
    );
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes('thomas@example.ch')));
    const raw = mail.raw.replace(/=\r?\n/g, '');
    expect(raw).toContain('wartet');
    expect(raw).toContain(`https://guichet.example/documents/${documentId}`);
    expect(raw).not.toContain('4411');
    expect(raw).not.toContain('Frist');

    actor = person('Thomas').actor;
    expect(await (await get('/documents')).text()).toContain('Zahlungsbefehl Nr. 4411');
    const page = await get(`/documents/${documentId}`);
    expect(page.status).toBe(200);
    // Its size in the unit of the page's language: kilo-octets in French.
    expect(await (await get(`/documents/${documentId}?lang=fr`)).text()).toMatch(/Taille.*\d+ Ko</s);
    const file = await get(`/documents/${documentId}/file`);
    expect(file.headers.get('Content-Type')).toBe('application/pdf');
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(file.headers.get('Content-Disposition')).toMatch(
      /^attachment; filename="d_cision finale.pdf"; filename\*=UTF-8''d%C3%A9cision%20finale.pdf$/,
    );
    expect(await file.text()).toContain('contenu secret');
    expect((await get(`/documents/${documentId}/file?inline=1`)).headers.get('Content-Disposition')).toMatch(
      /^inline/,
    );
    const log = await (await get('/accounts/access-log?lang=fr')).text();
    expect(log).toContain('Document consulté : Zahlungsbefehl Nr. 4411');
    expect(log).toContain('Document téléchargé');

    // Another person, even knowing the address, finds nothing there.
    actor = person('Claire').actor;
    expect((await get(`/documents/${documentId}`)).status).toBe(404);
    expect((await get(`/documents/${documentId}/file`)).status).toBe(404);
  });

  it('shows an agent under mandate only the themes of the mandate, and the principal sees what they viewed', async () => {
    const { db } = testApp.database;
    const today = new Date().toISOString().slice(0, 10);
    const mandate = await proposeMandate(db, person('Claire').id, 'holder', {
      principalAccountId: person('Claire').accountId,
      agent: { personId: person('Anna').id },
      themes: ['tax'],
      permissions: ['consult', 'receive'],
      validFrom: today,
    });
    await acceptMandate(db, person('Anna').id, mandate.id);
    actor = staffActor(spf, 'agent');
    await publish({ avs: '7564567890120', title: 'Taxation 2025', theme: 'tax' });
    await publish({ avs: '7564567890120', title: 'Commandement de payer', theme: 'debtCollection' });
    // The agent with the right to receive is told about the tax document, not about the other one.
    await waitFor(() =>
      smtp.received.find((m) => m.to.includes('anna@example.ch') && m.raw.includes('/documents/')),
    );
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from notifications where person_id = ${person('Anna').id} and source like 'document:%'`.execute(
      db,
    );
    expect(rows[0]?.n).toBe(1);

    actor = {
      ...person('Anna').actor,
      account: { id: person('Claire').accountId, name: 'Claire Test', kind: 'personal' },
      mandate: { id: mandate.id, themes: ['tax'] },
    };
    const list = await (await get('/documents')).text();
    expect(list).toContain('Taxation 2025');
    expect(list).not.toContain('Commandement de payer');
    const taxId = list.match(/href="\/documents\/([0-9a-f-]{36})">Taxation 2025/)?.[1];
    expect((await get(`/documents/${taxId}`)).status).toBe(200);
    const { rows: debt } = await sql<{
      id: string;
    }>`select id from documents where title = 'Commandement de payer'`.execute(db);
    expect((await get(`/documents/${debt[0]?.id}`)).status).toBe(404);
    expect((await get('/accounts/access-log')).status).toBe(404); // the log is the holder's

    actor = person('Claire').actor;
    const log = await (await get(`/accounts/access-log?mandate=${mandate.id}&lang=fr`)).text();
    expect(log).toContain('Anna Test');
    expect(log).toContain('Avec une procuration');
    expect(log).toContain('Taxation 2025');
  });

  it('retries while the mail server is down, and delivers once it is back, exactly once', async () => {
    const port = smtp.port;
    await smtp.stop();
    actor = staffActor(spf, 'agent');
    const published = await publish({ avs: '7563456789019', title: 'Attestation' }, pdf('attestation'));
    expect(published.status).toBe(303);
    const documentId = new URL(published.headers.get('Location') ?? '', 'http://x').searchParams.get(
      'published',
    );
    await waitFor(async () => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from notification_deliveries d join notifications n on n.id = d.notification_id
        where n.source = ${`document:${documentId}`} and d.last_error is not null and d.status = 'pending'`.execute(
        testApp.database.db,
      );
      return (rows[0]?.n ?? 0) > 0 ? true : undefined;
    });
    smtp = await startSmtpSink(port);
    // graphile-worker's back-off: the second attempt comes after about two seconds.
    const forDocument = () =>
      smtp.received.filter((m) => m.raw.replace(/=\r?\n/g, '').includes(`/documents/${documentId}`));
    await waitFor(() => forDocument()[0], 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(forDocument()).toHaveLength(1);
    const { rows } = await sql<{ status: string; attempts: number }>`
      select d.status, d.attempts from notification_deliveries d join notifications n on n.id = d.notification_id
      where n.source = ${`document:${documentId}`}`.execute(testApp.database.db);
    expect(rows[0]?.status).toBe('sent');
    expect(rows[0]?.attempts).toBeGreaterThanOrEqual(2);
  });

  it('publishes through the API once per idempotency key', async () => {
    actor = { kind: 'apiClient', id: randomUUID(), authorityId: spf, scopes: apiScopes };
    const send = async (key: string | undefined) =>
      testApp.app.request('/api/v1/documents', {
        method: 'POST',
        body: JSON.stringify({
          recipient: { avs: '756.2345.6789.08' },
          title: 'Auszug',
          category: 'extract',
          filename: 'auszug.pdf',
          contentBase64: Buffer.from(await pdf('auszug').arrayBuffer()).toString('base64'),
        }),
        headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
      });
    expect((await send(undefined)).status).toBe(400);
    const first = await send('order-2026-0001');
    expect(first.status).toBe(201);
    const again = await send('order-2026-0001');
    expect(again.status).toBe(201);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await again.json()).id).toBe((await first.json()).id);
  });

  it('refuses a body larger than the route allows', async () => {
    actor = person('Thomas').actor;
    const page = await get('/preferences');
    const response = await testApp.app.request('/preferences', {
      method: 'POST',
      body: new URLSearchParams({
        _csrf: csrfTokenIn(await page.text()),
        filler: 'x'.repeat(2 * 1024 * 1024),
      }),
      headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(413);
  });

  it('finds recipients by name and date of birth, and publishes a batch from a CSV once, whatever retries', async () => {
    actor = staffActor(spf, 'agent');
    const byName = await publish({
      recipientBy: 'name',
      givenNames: 'thomas',
      familyName: 'TEST',
      dateOfBirth: '17.05.1980', // as the hint says: the Swiss way
      title: 'Par le nom',
    });
    expect(byName.status).toBe(303);
    expect(byName.headers.get('Location')).toContain('account=Thomas+Test');

    const page = await get('/back-office/authorities/spf/documents/bulk');
    const html = await page.text();
    const batch = () => {
      const body = new FormData();
      body.set('_csrf', csrfTokenIn(html));
      body.set('idempotencyKey', html.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] ?? '');
      const csv =
        'destinataire;titre;categorie;theme;fichier\n756.2345.6789.08;Lot A;certificate;;a.pdf\n7564567890120;Lot B;invoice;tax;b.pdf\n756.0000.0000.00;Lot C;invoice;;c.pdf\n';
      body.set('csv', new File([csv], 'lot.csv', { type: 'text/csv' }));
      body.append('files', pdf('a'), 'a.pdf');
      body.append('files', pdf('b'), 'b.pdf');
      return testApp.app.request('/back-office/authorities/spf/documents/bulk', {
        method: 'POST',
        body,
        headers: { Cookie: cookiesFrom(page) },
      });
    };
    const first = await (await batch()).text();
    expect(first.match(/>Déposé</g)).toHaveLength(2);
    expect(first).toContain('Aucune personne ou entreprise ne correspond');
    const again = await (await batch()).text();
    expect(again.match(/>Déjà déposé</g)).toHaveLength(2);
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from documents where title like 'Lot %'`.execute(testApp.database.db);
    expect(rows[0]?.n).toBe(2);
  });

  it('lets the holder delete what the law lets go, and keeps the rest', async () => {
    const { db } = testApp.database;
    const { rows } = await sql<{ id: string; title: string }>`
      select id, title from documents where title in ('Lot A', 'Par le nom')`.execute(db);
    const certificate = rows.find((r) => r.title === 'Lot A')?.id;
    const decision = rows.find((r) => r.title === 'Par le nom')?.id;
    actor = person('Thomas').actor;
    const deleteDocument = async (id: string | undefined) => {
      const page = await get(`/documents/${id}`);
      return testApp.app.request(`/documents/${id}/delete`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrfTokenIn(await page.text()) }),
        headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    };
    expect(await (await get(`/documents/${decision}`)).text()).toContain('kann vorher nicht gelöscht werden');
    expect((await deleteDocument(decision)).status).toBe(409);
    expect((await deleteDocument(certificate)).status).toBe(303);
    expect((await get(`/documents/${certificate}`)).status).toBe(404);
    const { rows: gone } = await sql<{ wrapped_key: Buffer | null }>`
      select wrapped_key from documents where id = ${certificate}`.execute(db);
    expect(gone[0]?.wrapped_key).toBeNull();
  });

  it('lists for the authority what was read, and the letters it still owes', async () => {
    await sql`insert into document_postal_fallbacks (document_id, authority_id)
      select id, authority_id from documents where title = 'Lot B'`.execute(testApp.database.db);
    actor = staffActor(spf, 'agent');
    const page = await get('/back-office/authorities/spf/documents');
    const html = await page.text();
    expect(html).toContain('À envoyer par la poste');
    expect(html).toContain('Lu le');
    const id = html.match(/documents\/postal\/([0-9a-f-]{36})/)?.[1];
    const done = await testApp.app.request(`/back-office/authorities/spf/documents/postal/${id}`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrfTokenIn(html) }),
      headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(303);
    expect(await (await get('/back-office/authorities/spf/documents')).text()).toContain(
      'Aucun envoi postal en attente',
    );
    const again = await testApp.app.request(`/back-office/authorities/spf/documents/postal/${id}`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrfTokenIn(html) }),
      headers: { Cookie: cookiesFrom(page), 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(again.status).toBe(404);
    const { rows: trail } = await sql<{ actor: string }>`
      select actor from audit_events where action = 'document.postal-fallback.done' and subject_id = ${id ?? ''}`.execute(
      testApp.database.db,
    );
    expect(trail).toEqual([{ actor: expect.stringMatching(/^person:/) }]); // once, for the letter really sent
  });
});

describe('the publication page', () => {
  it('names on the publication page only a document the authority published itself', async () => {
    actor = staffActor(spf, 'agent');
    const response = await publish({ avs: '756.2345.6789.08', title: 'Steuerverfügung 7781' });
    const published = new URL(response.headers.get('Location') ?? '', 'http://x').search;
    expect(await (await get(`/back-office/authorities/spf/documents${published}`)).text()).toContain(
      'Steuerverfügung 7781',
    );
    // Another authority's staff, on their own page, learn nothing from the id.
    actor = staffActor(sion, 'agent');
    const elsewhere = await get(`/back-office/authorities/sion/documents${published}`);
    expect(elsewhere.status).toBe(200);
    expect(await elsewhere.text()).not.toContain('Steuerverfügung 7781');
  });
});

describe('who read it and who sent it', () => {
  const client = () => httpClient(testApp.app);

  it('leaves a document a representative opened unread for the holder, and the authority sees it read once the holder opens it', async () => {
    const { db } = testApp.database;
    const mandate = await proposeMandate(db, person('Thomas').id, 'holder', {
      principalAccountId: person('Thomas').accountId,
      agent: { personId: person('Anna').id },
      themes: ['tax'],
      permissions: ['consult'],
      validFrom: new Date().toISOString().slice(0, 10),
    });
    await acceptMandate(db, person('Anna').id, mandate.id);
    actor = staffActor(spf, 'agent');
    await publish({ avs: '7562345678908', title: 'Steuerveranlagung 2025', theme: 'tax' });
    const unreadRow = /Steuerveranlagung 2025<\/a> <strong class="tag tag--info">Unread/;

    actor = {
      ...person('Anna').actor,
      account: { id: person('Thomas').accountId, name: 'Thomas Test', kind: 'personal' },
      mandate: { id: mandate.id, themes: ['tax'] },
    };
    const agentList = await (await get('/documents?lang=en')).text();
    expect(agentList).toMatch(unreadRow);
    const id = agentList.match(/href="\/documents\/([0-9a-f-]{36})">Steuerveranlagung 2025/)?.[1];
    expect((await get(`/documents/${id}`)).status).toBe(200);
    expect(await (await get('/documents?lang=en')).text()).not.toMatch(unreadRow); // read, for Anna

    actor = person('Thomas').actor;
    expect(await (await get('/documents?lang=en')).text()).toMatch(unreadRow); // not for Thomas
    const before = await (await get('/my?lang=en')).text();
    expect(before).toContain('Steuerveranlagung 2025'); // still among his new documents
    actor = staffActor(spf, 'agent');
    const notYet = await (await get('/back-office/authorities/spf/documents?lang=en')).text();
    expect(notYet).toMatch(
      /Steuerveranlagung 2025<\/td><td[^>]*>[^<]*<\/td><td[^>]*><strong[^>]*>Not read yet/,
    );

    actor = person('Thomas').actor;
    expect((await get(`/documents/${id}/file`)).status).toBe(200);
    expect(await (await get('/documents?lang=en')).text()).not.toMatch(unreadRow);
    expect(await (await get('/my?lang=en')).text()).not.toContain('Steuerveranlagung 2025');
    actor = staffActor(spf, 'agent');
    const read = await (await get('/back-office/authorities/spf/documents?lang=en')).text();
    expect(read).toMatch(/Steuerveranlagung 2025<\/td><td[^>]*>[^<]*<\/td><td[^>]*><strong[^>]*>Read on/);
  });

  it('shows a file the holder sent with a message as sent by them, in their list, on its page and in the access log', async () => {
    actor = person('Thomas').actor;
    const created = await client().submit(
      '/messages',
      { authority: spf, subject: 'Beleg', body: 'Hier der Beleg.' },
      '/messages/new',
    );
    const thread = created.headers.get('Location') ?? '';
    const sent = await client().submit(
      thread,
      { body: 'Die Quittung.', file: new File(['%PDF-1.4\n% quittung\n%%EOF\n'], 'quittung.pdf') },
      thread,
    );
    expect(sent.status).toBe(303);
    const list = await (await get('/documents?lang=en')).text();
    const row = list.match(/href="\/documents\/([0-9a-f-]{36})">Beleg – quittung\.pdf<\/a>(.*?)<\/tr>/s);
    expect(row?.[2]).toContain('Sent by you to');
    expect(row?.[2]).not.toContain('Unread'); // what he sent is not news to him
    expect(row?.[2]).not.toContain('Issued by');
    const page = await (await get(`/documents/${row?.[1]}?lang=fr`)).text();
    expect(page).toContain('Envoyé par vous à');
    expect(page).not.toContain('Émis par');
    const log = await (await get('/accounts/access-log?lang=en')).text();
    expect(log).toContain('Document sent to the authority: Beleg – quittung.pdf');

    // Not something the authority issued: not in its list of publications.
    actor = staffActor(spf, 'agent');
    expect(await (await get('/back-office/authorities/spf/documents')).text()).not.toContain('quittung');
  });
});

describe('"my space"’s documents', () => {
  it('says there are none new, without an empty list, and lists the latest once there are', async () => {
    actor = await createCitizen(testApp.database.db, { givenNames: 'Zoé', familyName: 'Sansdoc' });
    const section = async () =>
      /<section[^>]*aria-labelledby="my-documents"[^>]*>([\s\S]*?)<\/section>/.exec(
        await (await get('/my')).text(),
      )?.[1] ?? '';
    const empty = await section();
    expect(empty).toContain('Nouveaux documents : 0');
    expect(empty).not.toContain('<ul');
    await publishDocument(await vaultOf(testApp.platform), {
      accountId: (actor as PersonActor).account.id,
      authorityId: sion,
      title: 'Attestation de domicile',
      category: 'certificate',
      theme: null,
      message: null,
      filename: 'attestation.pdf',
      bytes: Buffer.from('%PDF-1.4\n% attestation\n%%EOF\n'),
      idempotencyKey: 'my-space-documents',
      publishedBy: 'test',
    });
    expect(await section()).toMatch(
      /<ul class="plain-list"><li><a href="[^"]+">Attestation de domicile<\/a>/,
    );
  });
});
