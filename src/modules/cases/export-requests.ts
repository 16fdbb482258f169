import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { recordAccess } from '../accounts/index.ts';
import { formJsonSchema, getForm, getVersion } from '../forms/index.ts';
import { type InboxFilter, listInbox } from './list-inbox.ts';

/** As it will read back from the audit chain's JSON, which keeps no `undefined`: the hash must match. */
const withoutUndefined = (value: object) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

/** The columns of a CSV export, in order. */
export const exportColumns = [
  'reference',
  'status',
  'submittedAt',
  'representedByMandate',
  'level',
  'answers',
] as const;

export type ExportFormat = 'csv' | 'json';

export interface RequestsExport {
  /** One row per request, in `exportColumns` order: what a CSV holds. */
  rows: unknown[][];
  /** The JSON export: the requests, each naming the data model (JSON Schema) of its form version. */
  json: { dataModels: Record<string, unknown>; requests: Record<string, unknown>[] };
}

/**
 * What the inbox shows with the same filters (e.g. one service's requests), all pages, for a clerk to
 * take away. The export is audited, and each request's account logs that its data left with the clerk.
 *
 * @example await exportRequests(db, { authorityId, criteria: {}, format: 'csv', clerk, schemaBase })
 */
export async function exportRequests(
  db: Db,
  request: {
    authorityId: string;
    criteria: Omit<InboxFilter, 'page' | 'pageSize'>;
    format: ExportFormat;
    clerk: { id: string; name: string };
    /** Where a form's JSON Schema is published: `${schemaBase}/api/v1/forms/{id}/schema`. */
    schemaBase: string;
  },
): Promise<RequestsExport> {
  const { rows } = await listInbox(db, request.authorityId, {
    ...request.criteria,
    page: 1,
    pageSize: 10_000,
  });
  const records = rows.map((r) => ({
    reference: r.reference,
    status: r.status,
    submittedAt: r.created_at.toISOString(),
    representedByMandate: r.mandate_id !== null,
    level: r.level,
    answers: r.answers,
  }));
  // With the data model of each form version the answers were given with.
  const dataModels: Record<string, unknown> = {};
  if (request.format === 'json')
    for (const r of rows) {
      const key = `${r.form_id}/${r.form_version}`;
      if (dataModels[key]) continue;
      const form = await getForm(db, r.form_id);
      const version = form && (await getVersion(db, form, r.form_version));
      if (version)
        dataModels[key] = formJsonSchema(
          version.definition,
          `${request.schemaBase}/api/v1/forms/${r.form_id}/schema`,
        );
    }
  await audited(
    db,
    {
      actor: `person:${request.clerk.id}`,
      action: 'case.export',
      subjectType: 'authority',
      subjectId: request.authorityId,
      authorityId: request.authorityId,
      details: { format: request.format, count: rows.length, criteria: withoutUndefined(request.criteria) },
    },
    async (tx) => {
      for (const r of rows)
        await recordAccess(tx, {
          accountId: r.account_id,
          person: request.clerk,
          via: 'staff',
          action: 'request.export',
          subject: { type: 'request', id: r.id, label: r.reference },
        });
    },
  );
  return {
    rows: records.map((r) => exportColumns.map((column) => r[column])),
    json: {
      dataModels,
      requests: records.map((record, i) => ({
        ...record,
        dataModel: `${rows[i]?.form_id}/${rows[i]?.form_version}`,
      })),
    },
  };
}
