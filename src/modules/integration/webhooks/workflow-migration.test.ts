import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../tests/support/test-app.ts';
import { up } from '../migrations/2026-12-01-70-integration-workflow-webhooks.ts';
import { endpointSecret } from './signing.ts';

let testApp: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(() => testApp.close());

describe('the migration of a workflow webhook', () => {
  it('makes it a subscription of the form’s authority that its receiver verifies with the secret it had', async () => {
    const db = testApp.database.db;
    const { rows } = await sql<{ id: string; authority_id: string; definition: Record<string, unknown> }>`
      select f.id, f.authority_id, w.definition from forms f join case_workflows w on w.form_id = f.id limit 1`.execute(
      db,
    );
    const form = rows[0];
    if (!form) throw new Error('The demo has no workflow');
    const statuses = form.definition.statuses as Record<string, Record<string, unknown>>;
    const old = {
      ...form.definition,
      webhookUrl: 'https://erp.example.ch/hooks',
      statuses: Object.fromEntries(Object.entries(statuses).map(([id, s]) => [id, { ...s, webhook: true }])),
    };
    await sql`update case_workflows set definition = ${JSON.stringify(old)}::jsonb where form_id = ${form.id}`.execute(
      db,
    );

    await up(db as never);

    const endpoint = await sql<{
      authority_id: string;
      url: string;
      events: string[];
      form_ids: string[];
      secret_label: string;
      legacy_hex_secret: boolean;
    }>`select * from webhook_endpoints where url = 'https://erp.example.ch/hooks'`.execute(db);
    expect(endpoint.rows).toEqual([
      expect.objectContaining({
        authority_id: form.authority_id,
        events: ['request.submitted', 'request.status_changed'],
        form_ids: [form.id],
      }),
    ]);
    // The receiver's key was the hex text of HMAC(webhooks key, "webhook:<form>"): it still is.
    const oldKey = createHmac('sha256', testApp.platform.secrets.current('webhooks').key)
      .update(`webhook:${form.id}`)
      .digest('hex');
    const row = endpoint.rows[0];
    if (!row) throw new Error('no endpoint');
    expect(endpointSecret(testApp.platform.secrets, row)).toBe(
      `whsec_${Buffer.from(oldKey).toString('base64')}`,
    );
    const after = await sql<{ definition: Record<string, unknown> }>`
      select definition from case_workflows where form_id = ${form.id}`.execute(db);
    const definition = after.rows[0]?.definition ?? {};
    expect(definition).not.toHaveProperty('webhookUrl');
    expect(Object.values(definition.statuses as object).some((s) => 'webhook' in s)).toBe(false);
    expect(Object.keys(definition.statuses as object)).toEqual(Object.keys(statuses));
  });
});
