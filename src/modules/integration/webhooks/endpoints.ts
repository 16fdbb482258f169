import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { audited } from '../../../platform/audit/audit.ts';
import type { Secrets } from '../../../platform/crypto/secrets.ts';
import { type Db, tablesOf } from '../../../platform/database/database.ts';
import { type EventType, eventTypes } from '../../../platform/events/emit-event.ts';
import type { IntegrationTables } from '../tables.ts';
import { endpointSecret } from './signing.ts';

const tables = (db: Db) => tablesOf<IntegrationTables>(db);

export interface NewEndpoint {
  authorityId: string;
  url: string;
  events: string[];
  description?: string;
  /** Only requests of these forms; none: every request of the authority. */
  formIds?: string[];
}

/** What is wrong with an endpoint asked for: an address that is not http(s), unknown or no events. */
export function endpointProblems(input: Pick<NewEndpoint, 'url' | 'events'>): string[] {
  const problems: string[] = [];
  if (!/^https?:\/\/[^\s/]+\S*$/.test(input.url) || input.url.length > 2000) problems.push('url');
  if (input.events.length === 0 || input.events.some((e) => !eventTypes.includes(e as EventType)))
    problems.push('events');
  return problems;
}

/**
 * Subscribes an endpoint of the authority's business application. Returns its signing secret, which
 * is shown once (it is derived from the platform's key and a random label, never stored).
 */
export async function createEndpoint(
  db: Db,
  secrets: Secrets,
  actor: string,
  input: NewEndpoint,
): Promise<{ endpoint: Endpoint; secret: string }> {
  const endpoint = await audited(
    db,
    (created: Endpoint) => ({
      actor,
      action: 'integration.webhook.create',
      subjectType: 'webhook_endpoint',
      subjectId: created.id,
      authorityId: input.authorityId,
      details: { url: input.url, events: input.events },
    }),
    (tx) =>
      tables(tx)
        .insertInto('webhook_endpoints')
        .values({
          authority_id: input.authorityId,
          url: input.url,
          description: input.description ?? '',
          events: [...new Set(input.events)],
          form_ids: input.formIds?.length ? input.formIds : null,
          secret_label: `endpoint:${randomBytes(24).toString('base64url')}`,
          failing_since: null,
          disabled_at: null,
          disabled_reason: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
  );
  return { endpoint, secret: endpointSecret(secrets, endpoint) };
}

export type Endpoint = Selectable<IntegrationTables['webhook_endpoints']>;

/** The authority's endpoints, newest first; another authority's do not exist for it. */
export function listEndpoints(db: Db, authorityId: string): Promise<Endpoint[]> {
  return tables(db)
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function getEndpoint(db: Db, authorityId: string, id: string): Promise<Endpoint | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(undefined);
  return tables(db)
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('authority_id', '=', authorityId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Enables an endpoint again (after its receiver is repaired): it is treated as healthy from now on. */
export async function enableEndpoint(db: Db, actor: string, endpoint: Endpoint): Promise<void> {
  await audited(
    db,
    {
      actor,
      action: 'integration.webhook.enable',
      subjectType: 'webhook_endpoint',
      subjectId: endpoint.id,
      authorityId: endpoint.authority_id,
    },
    (tx) =>
      tables(tx)
        .updateTable('webhook_endpoints')
        .set({ disabled_at: null, disabled_reason: null, failing_since: null })
        .where('id', '=', endpoint.id)
        .execute(),
  );
}

/** An endpoint by id alone, for a job that was handed it (never for a caller's request). */
export function endpointForJob(db: Db, id: string): Promise<Endpoint | undefined> {
  return tables(db).selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}
