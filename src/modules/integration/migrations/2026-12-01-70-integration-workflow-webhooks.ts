import { type Kysely, sql } from 'kysely';

/**
 * A service's workflow webhook (one URL per form, home-made signature, no timestamp) becomes a
 * Standard Webhooks subscription of the form's authority to its requests' events. Its receiver keeps
 * the secret it knows: the endpoint derives it as before (`webhook:<form id>`, as hex text). The URL
 * leaves the workflow, whose statuses no longer say "call the webhook": every status change is sent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into webhook_endpoints (authority_id, url, description, events, form_ids, secret_label, legacy_hex_secret)
    select f.authority_id, w.definition->>'webhookUrl', 'Workflow: ' || f.name,
           array['request.submitted', 'request.status_changed'], array[f.id],
           'webhook:' || f.id::text, true
    from case_workflows w join forms f on f.id = w.form_id
    where coalesce(w.definition->>'webhookUrl', '') <> ''`.execute(db);
  await sql`
    update case_workflows
    set definition = jsonb_set(
      definition - 'webhookUrl',
      '{statuses}',
      (select coalesce(jsonb_object_agg(key, value - 'webhook'), '{}'::jsonb)
       from jsonb_each(definition->'statuses')))
    where definition ? 'webhookUrl'
       or exists (select 1 from jsonb_each(definition->'statuses') s where s.value ? 'webhook')`.execute(db);
}
