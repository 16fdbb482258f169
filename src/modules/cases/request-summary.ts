import { type Expression, sql } from 'kysely';
import type { Db } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { formThemeOf } from '../forms/index.ts';
import type { MandateTheme } from '../mandates/index.ts';
import { can } from '../policy/index.ts';
import { defaultWorkflow, type Workflow } from './workflow.ts';

/** How many of an account's requests are open, and the latest few waiting for the requester. */
export interface RequestSummary {
  open: number;
  awaiting: number;
  latestAwaiting: { id: string; reference: string }[];
}

export interface Group {
  form_id: string;
  authority_id: string;
  account_id: string;
  mandate_id: string | null;
  status: string;
  n: number | string;
  latest: { id: string; reference: string }[];
  definition: Workflow | null;
  /** Its form's mandate theme, read with the group (what `requestResource` reads per request). */
  theme: MandateTheme | null;
}

/** Awaiting requests named on "my space": the rest are one link away. */
const shown = 5;

/**
 * The account's requests counted by what the policy and the workflow decide on (form, authority,
 * mandate, status), as one JSON value: one row per group, however many requests the account has.
 */
export function requestGroups(accountId: string | Expression<string>) {
  return sql<{ groups: Group[] }>`select coalesce(json_agg(g), '[]') as groups from (
      select c.form_id, c.authority_id, c.account_id, c.mandate_id, c.status, count(*) as n,
        to_json((array_agg(json_build_object('id', c.id, 'reference', c.reference)
          order by c.created_at desc, c.id desc))[1:${shown}]) as latest,
        (select w.definition from case_workflows w where w.form_id = c.form_id) as definition,
        ${formThemeOf(sql.ref('c.form_id'))} as theme
      from cases c where c.account_id = ${accountId}
      group by c.form_id, c.authority_id, c.account_id, c.mandate_id, c.status) g`;
}

/**
 * The groups summed up: one policy decision per group, as `canOnCase` decides for each of its
 * requests (the decision reads only what the group shares). Without `actor`, every group counts.
 */
export async function requestSummary(db: Db, groups: Group[], actor?: PersonActor): Promise<RequestSummary> {
  const summary: RequestSummary = { open: 0, awaiting: 0, latestAwaiting: [] };
  for (const group of groups) {
    const status = (group.definition ?? defaultWorkflow).statuses[group.status];
    if (status?.final) continue;
    const resource = {
      type: 'request',
      authorityId: group.authority_id,
      accountId: group.account_id,
      mandateId: group.mandate_id,
      ...(group.theme && { theme: group.theme }),
    } as const;
    if (actor && !(await can(db, actor, 'request.view', resource)).allowed) continue;
    summary.open += Number(group.n);
    if (!status?.awaitsCitizen) continue;
    summary.awaiting += Number(group.n);
    summary.latestAwaiting.push(...group.latest);
  }
  summary.latestAwaiting = summary.latestAwaiting.slice(0, shown);
  return summary;
}
