import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackCorpus, badNames, cleanPdf, multipartBody } from '../../../../tests/support/attack-corpus.ts';
import { createCitizen } from '../../../../tests/support/factories.ts';
import { httpClient } from '../../../../tests/support/http-client.ts';
import { pagePhoto, pdfImages } from '../../../../tests/support/page-photos.ts';
import { createTestApp } from '../../../../tests/support/test-app.ts';
import { masterKeysFor } from '../../../platform/crypto/master-keys.ts';
import type { Actor, PersonActor } from '../../../platform/http/access.ts';
import { uploadMessages } from '../../../platform/uploads/index.ts';
import { getAuthorityBySlug } from '../../authorities/index.ts';
import { getServiceEntry, publishVersion, saveVersion } from '../../catalogue/index.ts';
import type { FormDefinition } from '../definition.ts';
import { getDraftOfAccount, readSubmittedFile, submitDraft } from '../drafts.ts';
import type { AttachedDocument } from '../fields/document/document-kinds.ts';
import { createForm, type Form, publishForm } from '../forms.ts';
import { addPage, listPages } from './capture-pages.ts';
import { hasOpenCapture, openCapture } from './capture-tokens.ts';
import { normalisePage } from './page-image.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;
let anna: PersonActor;
let bruno: PersonActor;
let form: Form;

const definition: FormDefinition = {
  format: 'guichet-form/1',
  title: { fr: 'Bourse d’études' },
  steps: [
    {
      id: 'papers',
      title: { fr: 'Pièces' },
      fields: [
        { id: 'diploma', type: 'document', label: { fr: 'Diplôme' }, required: true, maxPages: 3 },
        { id: 'idcard', type: 'document', label: { fr: 'Pièce d’identité' }, accept: ['pdf', 'jpeg'] },
      ],
    },
  ],
};

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
  const { db } = testApp.database;
  anna = await createCitizen(db, { givenNames: 'Anna', familyName: 'Zufferey' }, 'high');
  bruno = await createCitizen(db, { givenNames: 'Bruno', familyName: 'Rey' }, 'high');
  const sion = await getAuthorityBySlug(db, 'sion');
  form = await createForm(db, 'test', { authorityId: sion?.id ?? '', name: 'Bourse', definition });
  expect(await publishForm(db, 'test', form)).toEqual([]);
});
afterAll(() => testApp.close());

const jpeg = async (name: string, options: Parameters<typeof pagePhoto>[0] = {}) =>
  new File([new Uint8Array(await pagePhoto(options))], name, { type: 'image/jpeg' });

/** A person's client on a draft of their own, started and opened. */
async function startDraft(person: PersonActor, of: Form = form) {
  actor = person;
  const client = httpClient(testApp.app);
  const started = await client.submit(`/forms/${of.id}/start`, {});
  const path = started.headers.get('Location') ?? '';
  await client.get(path);
  return { client, path, id: path.split('/').at(-1) ?? '' };
}

/** Posts the step as multipart with several files under their field names. */
async function postStep(
  client: ReturnType<typeof httpClient>,
  path: string,
  action: string,
  files: [string, File][] = [],
) {
  const body = new FormData();
  body.append('_csrf', client.csrf());
  for (const [name, file] of files) body.append(name, file);
  body.append('action', action);
  return testApp.app.request(`${path}/steps/papers`, {
    method: 'POST',
    headers: { Cookie: client.cookie() },
    body,
  });
}

const pageIdsIn = (html: string) => [...html.matchAll(/\/pages\/([0-9a-f-]{36})/g)].map((m) => m[1] ?? '');
const answersOf = async (person: PersonActor, draftId: string) =>
  (await getDraftOfAccount(testApp.database.db, person.account.id, draftId))?.answers ?? {};

describe('capturing a document on the computer', () => {
  it('turns chosen photos into waiting pages with quality hints, reorders and deletes them, and makes one PDF on going on', async () => {
    const { client, path, id } = await startDraft(anna);
    const added = await postStep(client, path, 'addPages:diploma', [
      ['diploma', await jpeg('p1.jpg', { seed: 1 })],
      ['diploma', await jpeg('dark.jpg', { seed: 2, light: 0.25 })],
      ['diploma', await jpeg('p3.jpg', { seed: 3, orientation: 6 })],
    ]);
    expect(added.status).toBe(200);
    const html = await added.text();
    expect(html).toContain('Page 3');
    expect(html).toContain('Photo trop sombre');
    const [first, second, third] = pageIdsIn(html);
    // The preview is the draft's own: another person sees nothing of it.
    expect((await client.get(`${path}/pages/${second}?field=diploma`)).headers.get('Content-Type')).toBe(
      'image/jpeg',
    );
    actor = bruno;
    expect((await client.get(`${path}/pages/${second}?field=diploma`)).status).toBe(404);
    actor = anna;

    await postStep(client, path, `page:diploma:${second}:delete`);
    const moved = await (await postStep(client, path, `page:diploma:${third}:up`)).text();
    expect(pageIdsIn(moved)).toEqual([third, first]);

    const next = await postStep(client, path, 'next');
    expect(next.status).toBe(303);
    const [document] = (await answersOf(anna, id)).diploma as AttachedDocument[];
    expect(document).toMatchObject({ name: 'Diplôme.pdf', type: 'application/pdf', pages: 2 });
    expect(
      await listPages(testApp.database.db, { draftId: id, fieldId: 'diploma', captureId: null }),
    ).toEqual([]);
  });

  it('refuses through the one upload path, with its message, and stores nothing', async () => {
    const { client, path, id } = await startDraft(anna);
    const html = new File(['<html><script>alert(1)</script></html>'], 'diplome.pdf', {
      type: 'application/pdf',
    });
    const refused = await postStep(client, path, 'addPages:diploma', [['diploma', html]]);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('ne correspond pas à son nom');
    // A PNG where the designer accepts only PDF and JPEG.
    const png = new File(
      [
        new Uint8Array(
          await (await import('sharp'))
            .default(await pagePhoto())
            .png()
            .toBuffer(),
        ),
      ],
      'id.png',
    );
    const notAccepted = await postStep(client, path, 'addPages:idcard', [['idcard', png]]);
    expect(notAccepted.status).toBe(422);
    expect(await listPages(testApp.database.db, { draftId: id, fieldId: 'idcard', captureId: null })).toEqual(
      [],
    );
    expect(
      await listPages(testApp.database.db, { draftId: id, fieldId: 'diploma', captureId: null }),
    ).toEqual([]);
  });

  it('refuses more pages than the designer allows', async () => {
    const { client, path } = await startDraft(anna);
    const photos: [string, File][] = [];
    for (let i = 1; i <= 4; i++) photos.push(['diploma', await jpeg(`p${i}.jpg`, { seed: i })]);
    const response = await postStep(client, path, 'addPages:diploma', photos);
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('au plus 3 pages');
  });
});

describe('continuing on the phone', () => {
  /** Opens a phone link from the computer: its token and short code, as the page shows them. */
  async function openPhoneLink(client: ReturnType<typeof httpClient>, path: string) {
    const html = await (await postStep(client, path, 'phone:diploma')).text();
    expect(html).toContain('<svg');
    return {
      token: /\/scan\/([A-Za-z0-9_-]{43})/.exec(html)?.[1] ?? '',
      code: /data-testid="capture-code">([A-Z0-9]{8})</.exec(html)?.[1] ?? '',
    };
  }

  /** The phone: not logged in, its own cookie. */
  function phone() {
    actor = null;
    return httpClient(testApp.app);
  }

  it('takes pages without logging in, sends them as one PDF to the draft’s field, and is refused once used', async () => {
    const { client, path, id } = await startDraft(anna);
    const { token } = await openPhoneLink(client, path);
    expect(token).toHaveLength(43);

    const mobile = phone();
    const page = await mobile.get(`/scan/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('capture="environment"');
    for (const seed of [1, 2])
      expect(
        (
          await mobile.post(`/scan/${token}`, {
            page: await jpeg('photo.jpg', { seed, orientation: 6 }),
            action: 'add',
          })
        ).status,
      ).toBe(303);
    expect(pageIdsIn(await (await mobile.get(`/scan/${token}`)).text())).toHaveLength(2);
    // The pages are the phone's until sent: the computer's form does not make them into its document.
    actor = anna;
    expect((await client.get(`${path}/fields/diploma/documents`)).status).toBe(200);
    expect(await (await client.get(`${path}/fields/diploma/documents`)).json()).toEqual({
      waiting: true,
      documents: [],
    });

    const mobile2 = phone();
    await mobile2.get(`/scan/${token}`);
    const sent = await mobile2.post(`/scan/${token}`, { action: 'send' });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Document envoyé');
    const [document] = (await answersOf(anna, id)).diploma as AttachedDocument[];
    expect(document).toMatchObject({ type: 'application/pdf', pages: 2 });

    actor = anna;
    expect(await (await client.get(`${path}/fields/diploma/documents`)).json()).toEqual({
      waiting: false,
      documents: [{ text: 'Diplôme.pdf (2 pages)' }],
    });
    // Without JavaScript, a refresh shows it.
    expect(await (await client.get(`${path}?step=papers`)).text()).toContain('Diplôme.pdf (2 pages)');

    // Used: refused, and nothing more is stored.
    phone();
    expect((await mobile.get(`/scan/${token}`)).status).toBe(404);
    const again = await mobile.post(`/scan/${token}`, { page: await jpeg('more.jpg'), action: 'add' });
    expect(again.status).toBe(404);
    expect((await answersOf(anna, id)).diploma).toHaveLength(1);

    // The link opened no session: the phone cannot open the draft.
    expect((await mobile.get(path)).status).not.toBe(200);

    // The PDF's pages are upright (the photos were turned by EXIF).
    const sentAnswers = await answersOf(anna, id);
    const submitted = await submitDraft(
      testApp.database.db,
      (await getDraftOfAccount(testApp.database.db, anna.account.id, id)) as never,
      {
        answers: sentAnswers,
        level: 'high',
      },
    );
    const file = await readSubmittedFile(
      testApp.database.db,
      await masterKeysFor(testApp.config, testApp.database.db),
      anna.account.id,
      submitted.submission.id,
      document?.fileId ?? '',
    );
    const { pageCount, images } = await pdfImages(
      file && file !== 'quarantined' ? file.bytes : new Uint8Array(),
    );
    expect(pageCount).toBe(2);
    for (const image of images) expect([image.width < image.height, image.topIsDark]).toEqual([true, true]);
  });

  it('refuses an expired link, and a link once its draft is sent', async () => {
    const { db } = testApp.database;
    const { id } = await startDraft(anna);
    const expired = await openCapture(db, id, 'diploma', new Date(Date.now() - 11 * 60_000));
    const mobile = phone();
    expect((await mobile.get(`/scan/${expired.token}`)).status).toBe(404);
    expect(await (await mobile.get(`/scan/${expired.token}`)).text()).toContain(
      'Lien expiré ou déjà utilisé',
    );

    const open = await openCapture(db, id, 'diploma');
    expect((await mobile.get(`/scan/${open.token}`)).status).toBe(200);
    const draft = await getDraftOfAccount(db, anna.account.id, id);
    await submitDraft(db, draft as never, { answers: {}, level: 'high' });
    expect((await mobile.get(`/scan/${open.token}`)).status).toBe(404);
  });

  it('reaches only its own draft and field: another draft’s or field’s pages are not found', async () => {
    const { db } = testApp.database;
    const keys = await masterKeysFor(testApp.config, db);
    const mine = await startDraft(anna);
    const other = await startDraft(bruno);
    const page = await normalisePage(await pagePhoto(), { grayscale: false });
    const otherDraftsPage = await addPage(
      db,
      keys,
      { draftId: other.id, fieldId: 'diploma', captureId: null },
      page,
    );
    const otherFieldsPage = await addPage(
      db,
      keys,
      { draftId: mine.id, fieldId: 'idcard', captureId: null },
      page,
    );
    const { token } = await openCapture(db, mine.id, 'diploma');

    const mobile = phone();
    await mobile.get(`/scan/${token}`);
    for (const pageId of [otherDraftsPage, otherFieldsPage]) {
      expect((await mobile.get(`/scan/${token}/pages/${pageId}`)).status).toBe(404);
      await mobile.post(`/scan/${token}`, { action: `page:diploma:${pageId}:delete` });
      await mobile.post(`/scan/${token}`, { action: `page:idcard:${pageId}:delete` });
    }
    expect(await listPages(db, { draftId: other.id, fieldId: 'diploma', captureId: null })).toHaveLength(1);
    expect(await listPages(db, { draftId: mine.id, fieldId: 'idcard', captureId: null })).toHaveLength(1);
    // Sending with no page of its own attaches nothing.
    await mobile.post(`/scan/${token}`, { action: 'send' });
    expect((await answersOf(anna, mine.id)).diploma).toBeUndefined();
    expect((await answersOf(bruno, other.id)).diploma).toBeUndefined();
  });

  it('is opened with the short code once (which retires the QR link), and code guessing is limited', async () => {
    const { client, path } = await startDraft(anna);
    const { token, code } = await openPhoneLink(client, path);
    const mobile = phone();
    await mobile.get('/scan');
    const entered = await mobile.post('/scan', {
      code: `${code.slice(0, 4)}-${code.slice(4).toLowerCase()}`,
    });
    expect(entered.status).toBe(303);
    const fresh = entered.headers.get('Location') ?? '';
    expect(fresh).toMatch(/^\/scan\/[A-Za-z0-9_-]{43}$/);
    expect((await mobile.get(fresh)).status).toBe(200);
    expect((await mobile.get(`/scan/${token}`)).status).toBe(404);
    await mobile.get('/scan');
    expect((await mobile.post('/scan', { code })).status).toBe(422);

    let status = 0;
    for (let i = 0; i < 12 && status !== 429; i++) {
      await mobile.get('/scan');
      status = (await mobile.post('/scan', { code: 'AAAAAAAA' })).status;
    }
    expect(status).toBe(429);
  });
});

/** Stands for "a good photo" in the corpus of bad names (made when the test runs). */
const pagePhotoSync = Buffer.alloc(0);

describe('the attack corpus through the capture routes', async () => {
  const attacks = [
    ...(await attackCorpus()),
    ...badNames.map((bad) => ({ ...bad, bytes: pagePhotoSync, refusal: 'bad-name' })),
  ];
  const refusalTexts = Object.values(uploadMessages.catalogue.fr).map(
    (text) => text.split(/[{(«]/)[0]?.slice(0, 30) ?? '',
  );

  /** Sends one file, as an attacker's client would (names as sent), with the page's token. */
  async function sendRaw(
    client: ReturnType<typeof httpClient>,
    path: string,
    field: string,
    name: string,
    bytes: Uint8Array,
    action: string,
  ) {
    const { body, contentType } = multipartBody([
      { name: '_csrf', value: client.csrf() },
      { name: field, filename: name, bytes },
      { name: 'action', value: action },
    ]);
    const response = await testApp.app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Cookie: client.cookie() },
      body: new Uint8Array(body),
    });
    return { status: response.status, text: await response.text() };
  }

  it.each(attacks)('the phone refuses $label with its message, and keeps no page', async (attack) => {
    const { db } = testApp.database;
    const { id } = await startDraft(anna);
    const { token } = await openCapture(db, id, 'diploma');
    actor = null;
    const mobile = httpClient(testApp.app);
    await mobile.get(`/scan/${token}`);
    const bytes = attack.bytes === pagePhotoSync ? await pagePhoto() : attack.bytes;
    const { status, text } = await sendRaw(mobile, `/scan/${token}`, 'page', attack.name, bytes, 'add');
    expect(status).toBe(422);
    expect(refusalTexts.some((start) => text.includes(start))).toBe(true);
    const { rows } = await sql<{
      id: string;
    }>`select id from form_capture_tokens where draft_id = ${id}`.execute(db);
    expect(await listPages(db, { draftId: id, fieldId: 'diploma', captureId: rows[0]?.id ?? '' })).toEqual(
      [],
    );
  });

  it.each(attacks)(
    'the document field refuses $label with its message, and keeps nothing',
    async (attack) => {
      const { db } = testApp.database;
      const { client, path, id } = await startDraft(anna);
      const bytes = attack.bytes === pagePhotoSync ? await pagePhoto() : attack.bytes;
      const { status, text } = await sendRaw(
        client,
        `${path}/steps/papers`,
        'diploma',
        attack.name,
        bytes,
        'addPages:diploma',
      );
      expect(status).toBe(422);
      expect(refusalTexts.some((start) => text.includes(start))).toBe(true);
      expect(await listPages(db, { draftId: id, fieldId: 'diploma', captureId: null })).toEqual([]);
      expect((await answersOf(anna, id)).diploma).toBeUndefined();
    },
  );

  it('accepts a clean PDF as a document of its own, with its pages counted', async () => {
    const { client, path, id } = await startDraft(anna);
    const { status } = await sendRaw(
      client,
      `${path}/steps/papers`,
      'diploma',
      'attestation.pdf',
      await cleanPdf(),
      'addPages:diploma',
    );
    expect(status).toBe(200);
    expect((await answersOf(anna, id)).diploma).toMatchObject([{ name: 'attestation.pdf', pages: 1 }]);
  });
});

describe('the level of assurance of the form’s service', () => {
  it('shows a draft’s pages and documents only to a person logged in at that level', async () => {
    const { db } = testApp.database;
    const sion = await getAuthorityBySlug(db, 'sion');
    const strict = await createForm(db, 'test', { authorityId: sion?.id ?? '', name: 'Extrait', definition });
    expect(await publishForm(db, 'test', strict)).toEqual([]);
    const entry = await getServiceEntry(db, { slug: 'extrait-registre-poursuites' }, 'published');
    if (!entry) throw new Error('demo service missing');
    const content = { ...entry.content, formId: strict.id, level: 'high' as const };
    await publishVersion(db, 'test', entry, await saveVersion(db, 'test', entry, content));

    const high: PersonActor = { ...anna, level: 'high' };
    const { client, path, id } = await startDraft(high, strict);
    const added = await postStep(client, path, 'addPages:diploma', [['diploma', await jpeg('p1.jpg')]]);
    const [pageId] = pageIdsIn(await added.text());
    const preview = `${path}/pages/${pageId}?field=diploma`;
    const documents = `${path}/fields/diploma/documents`;
    expect((await client.get(preview)).headers.get('Content-Type')).toBe('image/jpeg');
    expect((await client.get(documents)).status).toBe(200);

    // The same person, logged in again with a weaker means: an image or a script cannot step up.
    actor = { ...anna, level: 'substantial' };
    for (const url of [preview, documents]) {
      const refused = await client.get(url);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('Content-Type')).not.toBe('image/jpeg');
    }
    // Nor is a phone link opened for them: the step sends them to step up first.
    const phoneLink = await postStep(client, path, 'phone:diploma');
    expect(phoneLink.headers.get('Location')).toMatch(/^\/login\?/);
    expect(await hasOpenCapture(db, id, 'diploma')).toBe(false);
    actor = high;
    expect((await client.get(preview)).status).toBe(200);
  });
});
