import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveTestApp } from '../../../tests/support/serve-test-app.ts';
import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { getAuthorityBySlug } from '../authorities/index.ts';
import { revokeApiClient } from './api-clients.ts';
import { createTokenClient } from './token-clients.ts';

let served: Awaited<ReturnType<typeof serveTestApp>>;
let client = { clientId: '', clientSecret: '' };
let sion = '';

beforeAll(async () => {
  served = await serveTestApp();
  const db = served.database.db;
  sion = (await getAuthorityBySlug(db, 'sion'))?.id ?? '';
  client = await createTokenClient(db, await masterKeysFor(served.config, db), 'test', {
    authorityId: sion,
    name: 'Communal ERP',
    scopes: ['services:read', 'requests:read'],
  });
});
afterAll(() => served.close());

const token = async (scope: string, credentials = client) => {
  const response = await fetch(`${served.url}/oidc/token`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
};
const api = (accessToken: string, path: string) =>
  fetch(`${served.url}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });

describe('the client-credentials grant', () => {
  it('gives a token for the API that makes the application an API client of its authority', async () => {
    const { status, body } = await token('services:read requests:read');
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'services:read requests:read' });
    const services = await api(body.access_token ?? '', '/api/v1/services');
    expect(services.status).toBe(200);
    expect((await api(body.access_token ?? '', '/api/v1/requests')).status).toBe(200);
  });

  it('is scoped: to what was asked, within what the application holds', async () => {
    const narrow = await token('services:read');
    expect((await api(narrow.body.access_token ?? '', '/api/v1/services')).status).toBe(200);
    const refused = await api(narrow.body.access_token ?? '', '/api/v1/requests');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'insufficient_scope' });
    expect((await token('documents:write')).status).toBe(400);
  });

  it('refuses wrong secrets, forged tokens, and revoked applications', async () => {
    expect((await token('services:read', { ...client, clientSecret: 'wrong' })).status).toBe(401);
    const { body } = await token('services:read');
    const [header, payload] = (body.access_token ?? '').split('.');
    expect((await api(`${header}.${payload}.forged`, '/api/v1/services')).status).toBe(401);
    await revokeApiClient(served.database.db, 'test', { authorityId: sion, clientId: client.clientId });
    expect((await api(body.access_token ?? '', '/api/v1/services')).status).toBe(401);
  });
});
