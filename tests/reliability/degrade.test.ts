import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuthorityBySlug } from '../../src/modules/authorities/index.ts';
import { createBlobStore, publishDocument } from '../../src/modules/documents/index.ts';
import { requestPayment } from '../../src/modules/payments/index.ts';
import { masterKeysFor } from '../../src/platform/crypto/master-keys.ts';
import { createLocalPerson } from '../support/factories.ts';
import { loggedInClient } from '../support/http-client.ts';
import { createTestApp } from '../support/test-app.ts';
import { publishOneStepForm } from '../support/test-forms.ts';
import { writeFigures } from './figures.ts';

// Port 9 (discard) on loopback: nothing listens, every connection is refused at once.
const nowhere = 'http://127.0.0.1:9';
let testApp: Awaited<ReturnType<typeof createTestApp>>;
let person = { personId: '', accountId: '' };
let documentId = '';
let paymentId = '';
let formId = '';
const figures: Record<string, number> = {};

beforeAll(async () => {
  testApp = await createTestApp({
    env: {
      GUICHET_IDENTITY_PROVIDERS: JSON.stringify([
        {
          id: 'agov',
          label: { fr: 'AGOV' },
          issuer: `${nowhere}/agov`,
          clientId: 'guichet',
          clientSecret: 'secret',
          scopes: ['openid'],
          claims: {},
          levels: { 'urn:qoa:50': 'high' },
        },
      ]),
      DATATRANS_API_URL: `${nowhere}/datatrans/api`,
      DATATRANS_PAY_URL: `${nowhere}/datatrans/pay`,
      SAFERPAY_API_URL: `${nowhere}/saferpay/api`,
      CLAMD_URL: 'tcp://127.0.0.1:9',
    },
  });
  const { db } = testApp.database;
  person = await createLocalPerson(db, {
    givenNames: 'Rita',
    familyName: 'Panne',
    email: 'rita.panne@example.ch',
    password: 'Val d’Anniviers 1990',
    emailVerified: true,
  });
  const sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  const vault = {
    db,
    store: createBlobStore(testApp.config.documentStore, db),
    keys: await masterKeysFor(testApp.config, db),
  };
  const { document } = await publishDocument(vault, {
    accountId: person.accountId,
    authorityId: sion,
    title: 'Décision',
    category: 'decision',
    theme: null,
    message: null,
    filename: 'decision.pdf',
    bytes: Buffer.from('%PDF-1.4\n% décision\n%%EOF\n'),
    idempotencyKey: 'degrade-decision',
    publishedBy: 'test',
  });
  documentId = document.id;
  const payment = await db.transaction().execute((tx) =>
    requestPayment(tx, {
      authorityId: sion,
      accountId: person.accountId,
      purpose: { fr: 'Émolument' },
      amountCents: 2500,
      source: 'degrade:fee',
      link: '/payments',
    }),
  );
  paymentId = payment.id;
  const form = await publishOneStepForm(db, sion, {
    name: 'Pièce',
    fields: [{ id: 'proof', type: 'file', label: { fr: 'Pièce' } }],
  });
  formId = form.id;
});
afterAll(async () => {
  await writeFigures('degrade', figures);
  await testApp?.close();
});

describe('identity provider, payment provider and malware scanner all down', () => {
  it('the login page still offers every way in, and the broken one answers without crashing', async () => {
    const page = await testApp.app.request('/login');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('AGOV');
    const started = Date.now();
    const attempt = await testApp.app.request('/login/oidc/agov');
    figures.identityProviderDownStatus = attempt.status;
    figures.identityProviderDownMs = Date.now() - started;
    // Back to the login page, which says it did not work; the other ways in are still there.
    expect(attempt.status).toBe(303);
    expect(attempt.headers.get('Location')).toBe('/login?failed=1');
  });

  it('a logged-in person keeps reading their space, documents and fees', async () => {
    const rita = await loggedInClient(testApp.app, 'rita.panne@example.ch', 'Val d’Anniviers 1990');
    for (const path of [
      '/my',
      '/documents',
      `/documents/${documentId}`,
      `/documents/${documentId}/file`,
      '/payments',
      `/payments/${paymentId}`,
    ]) {
      const answer = await rita.get(path);
      expect(answer.status, path).toBe(200);
    }
    // Paying waits for the provider: the person is told on the fee's page, nothing is recorded as paid.
    await rita.get(`/payments/${paymentId}`);
    const pay = await rita.post(`/payments/${paymentId}/checkout`, {});
    figures.paymentProviderDownStatus = pay.status;
    // 503 with the fee's own page, saying the payment could not start: not an error page.
    expect(pay.status).toBe(503);
    expect(await pay.text()).toContain('Émolument');
    const { rows } = await sql<{
      status: string;
    }>`select status from payments where id = ${paymentId}`.execute(testApp.database.db);
    expect(rows[0]?.status).toBe('open');
  });

  it('an upload while the scanner is down is kept out of sight (fails closed), not accepted unscanned', async () => {
    const rita = await loggedInClient(testApp.app, 'rita.panne@example.ch', 'Val d’Anniviers 1990');
    await rita.get(`/forms/${formId}/start`);
    const started = await rita.post(`/forms/${formId}/start`, {});
    const draft = started.headers.get('Location') ?? '';
    await rita.get(draft);
    const saved = await rita.post(`${draft}/steps/main`, {
      proof: new File([Buffer.from('%PDF-1.4\n% pièce\n%%EOF\n')], 'piece.pdf', { type: 'application/pdf' }),
    });
    figures.uploadWhileScannerDownStatus = saved.status;
    const { rows } = await sql<{ quarantined: boolean }>`
      select quarantined_at is not null as quarantined from form_files
       where draft_id = ${draft.split('/').at(-1) ?? ''}`.execute(testApp.database.db);
    // Either refused outright or held in quarantine until a scan finds it clean: never open unscanned.
    expect(saved.status).toBe(303);
    expect(rows).toEqual([{ quarantined: true }]);
    figures.uploadsHeldInQuarantine = rows.length;
  });
});
