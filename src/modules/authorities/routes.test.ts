import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { personActor, staffActor } from '../../../tests/support/factories.ts';
import { cookiesFrom, createTestApp, csrfTokenIn } from '../../../tests/support/test-app.ts';
import type { Actor } from '../../platform/http/access.ts';
import { getAuthorityBySlug } from './queries.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
let actor: Actor | null = null;

beforeAll(async () => {
  testApp = await createTestApp({ actor: () => actor });
});
afterAll(() => testApp.close());
beforeEach(() => {
  actor = null;
});

const get = (path: string, headers: Record<string, string> = {}) => testApp.app.request(path, { headers });

describe('branding', () => {
  async function openForm(slug: string) {
    const page = await get(`/authorities/${slug}/branding`);
    return { status: page.status, cookie: cookiesFrom(page), html: await page.text() };
  }

  async function submit(slug: string, values: Record<string, string>) {
    const { cookie, html } = await openForm(slug);
    return testApp.app.request(`/authorities/${slug}/branding`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfTokenIn(html), ...values }),
    });
  }

  it('sends anonymous visitors to log in, and back here afterwards', async () => {
    const response = await get('/authorities/sion/branding');
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/login?return=%2Fauthorities%2Fsion%2Fbranding');
  });

  it('hides other authorities from their staff, and refuses plain agents', async () => {
    const sion = await getAuthorityBySlug(testApp.database.db, 'sion');
    const sierre = await getAuthorityBySlug(testApp.database.db, 'sierre');
    actor = staffActor(sierre?.id ?? '', 'authorityAdmin');
    expect((await openForm('sion')).status).toBe(404);
    actor = staffActor(sion?.id ?? '', 'agent');
    expect((await openForm('sion')).status).toBe(404);
    actor = personActor();
    expect((await openForm('sion')).status).toBe(403);
  });

  it('rejects a palette below AA with an error summary, keeping what was typed', async () => {
    const sion = await getAuthorityBySlug(testApp.database.db, 'sion');
    actor = staffActor(sion?.id ?? '', 'authorityAdmin');
    const response = await submit('sion', { primary: '#999999', primaryText: '#ffffff', accent: '#3d3d3d' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Il y a un problème');
    expect(html).toContain('href="#primaryText"');
    expect(html).toContain('value="#999999"');
    expect(html).toContain('aria-invalid="true"');
    expect((await getAuthorityBySlug(testApp.database.db, 'sion'))?.palette.primary).toBe('#a6192e');
  });

  it('saves an accessible palette, audits it, and the portal shows it at once', async () => {
    const sion = await getAuthorityBySlug(testApp.database.db, 'sion');
    actor = staffActor(sion?.id ?? '', 'authorityAdmin');
    const response = await submit('sion', { primary: '#7A1020', primaryText: '#ffffff', accent: '#3d3d3d' });
    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/authorities/sion/branding?saved=1');
    expect(await (await get('/communes/sion')).text()).toContain('--brand:#7a1020');
    const { rows } = await sql<{
      actor: string;
      details: { before: { primary: string }; after: { primary: string } };
    }>`
      select actor, details from audit_events where action = 'authority.branding.update' and subject_id = ${sion?.id}
    `.execute(testApp.database.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.details.after.primary).toBe('#7a1020');
    expect(rows[0]?.actor).toBe(`person:${actor?.id}`);
  });
});
