import { audited } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/database/database.ts';
import { csvDateTime, csvFrancs } from '../../platform/http/csv.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import { recordAccess } from '../accounts/index.ts';
import {
  answerCells,
  answerColumns,
  type FormDefinition,
  formJsonSchema,
  getForm,
  getVersion,
} from '../forms/index.ts';
import { personNames } from '../identity/index.ts';
import { paymentsFrom } from '../payments/index.ts';
import { backOfficeMessages } from './back-office-messages.ts';
import type { Case } from './cases.ts';
import { type InboxFilter, listInbox } from './list-inbox.ts';
import { requesterNames } from './requester-names.ts';
import { workflowFor } from './workflow-store.ts';

/** As it will read back from the audit chain's JSON, which keeps no `undefined`: the hash must match. */
const withoutUndefined = (value: object) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

export type ExportFormat = 'csv' | 'json';

export interface RequestsExport {
  /** The spreadsheet: headings in the clerk's language, then one row of text per request. */
  csv: { header: string[]; rows: string[][] };
  /** The JSON export: the requests, each naming the data model (JSON Schema) of its form version. */
  json: { dataModels: Record<string, unknown>; requests: Record<string, unknown>[] };
}

const levelKey = { low: 'levelLow', substantial: 'levelSubstantial', high: 'levelHigh' } as const;

/**
 * The spreadsheet of `rows` (docs/requests-export.md): what staff read on the request page, one
 * value per cell — statuses in words, Swiss times, francs, and one column per answer, a repeating
 * group's columns once per row. Answers of several services get the service's name before theirs.
 */
async function spreadsheet(
  db: Db,
  rows: Case[],
  definitions: Map<string, FormDefinition>,
  locale: Locale,
): Promise<RequestsExport['csv']> {
  const t = backOfficeMessages.translator(locale);
  const requesters = await requesterNames(db, rows);
  const assignees = await personNames(
    db,
    rows.map((r) => r.assignee_person_id).filter((x): x is string => Boolean(x)),
  );
  // Columns by form, the union over its versions, in the order the versions give them.
  const services = [...new Set(rows.map((r) => r.form_id))];
  const columns: { formId: string; key: string; label: string }[] = [];
  for (const formId of services) {
    const ofForm = rows.filter((r) => r.form_id === formId);
    const seen = new Set<string>();
    for (const version of [...new Set(ofForm.map((r) => r.form_version))].sort((a, b) => b - a)) {
      const definition = definitions.get(`${formId}/${version}`);
      if (!definition) continue;
      const answers = ofForm.filter((r) => r.form_version === version).map((r) => r.answers);
      for (const column of answerColumns(definition, answers, locale))
        if (!seen.has(column.key)) {
          seen.add(column.key);
          const service = services.length > 1 ? `${pick(ofForm[0]?.title ?? { fr: '' }, locale)} – ` : '';
          columns.push({ formId, key: column.key, label: `${service}${column.label}` });
        }
    }
  }
  const header = [
    t('csvReference'),
    t('csvService'),
    t('csvStatus'),
    t('csvSubmitted'),
    t('csvRequester'),
    t('csvMandate'),
    t('csvLevel'),
    t('csvAssignee'),
    t('csvFee'),
    t('csvPaid'),
    ...columns.map((c) => c.label),
  ];
  const lines: string[][] = [];
  for (const r of rows) {
    const status = (await workflowFor(db, r.form_id)).statuses[r.status];
    const payments = await paymentsFrom(db, r.authority_id, `case:${r.id}:`);
    const definition = definitions.get(`${r.form_id}/${r.form_version}`);
    const cells = definition ? answerCells(definition, r.answers, locale) : {};
    lines.push([
      r.reference,
      pick(r.title, locale),
      status ? pick(status.staffLabel, locale) : r.status,
      csvDateTime(r.created_at),
      requesters.get(r.id) ?? '',
      r.mandate_id !== null ? t('yes') : t('no'),
      t(levelKey[r.level]),
      r.assignee_person_id ? (assignees.get(r.assignee_person_id) ?? '') : '',
      payments.length > 0 ? csvFrancs(payments.reduce((sum, p) => sum + p.amount_cents, 0)) : '',
      payments.length > 0
        ? csvFrancs(
            payments
              .filter((p) => p.paid_at !== null)
              .reduce((sum, p) => sum + p.amount_cents - p.refunded_cents, 0),
          )
        : '',
      ...columns.map((c) => (c.formId === r.form_id ? (cells[c.key] ?? '') : '')),
    ]);
  }
  return { header, rows: lines };
}

/**
 * What the inbox shows with the same filters (e.g. one service's requests), all pages, for a clerk to
 * take away. The export is audited, and each request's account logs that its data left with the clerk.
 *
 * @example await exportRequests(db, { authorityId, criteria: {}, format: 'csv', clerk, schemaBase, locale: 'fr' })
 */
export async function exportRequests(
  db: Db,
  request: {
    authorityId: string;
    criteria: InboxFilter;
    format: ExportFormat;
    clerk: { id: string; name: string };
    /** Where a form's JSON Schema is published: `${schemaBase}/api/v1/forms/{id}/schema`. */
    schemaBase: string;
    /** The clerk's language: the spreadsheet's headings, statuses and answers are written in it. */
    locale: Locale;
  },
): Promise<RequestsExport> {
  const { rows } = await listInbox(db, request.authorityId, {
    ...request.criteria,
    pageSize: 10_000,
  });
  // The definition of each form version the answers were given with.
  const definitions = new Map<string, FormDefinition>();
  for (const r of rows) {
    const key = `${r.form_id}/${r.form_version}`;
    if (definitions.has(key)) continue;
    const form = await getForm(db, r.form_id);
    const version = form && (await getVersion(db, form, r.form_version));
    if (version) definitions.set(key, version.definition);
  }
  const dataModels: Record<string, unknown> = {};
  if (request.format === 'json')
    for (const [key, definition] of definitions)
      dataModels[key] = formJsonSchema(
        definition,
        `${request.schemaBase}/api/v1/forms/${key.split('/')[0]}/schema`,
      );
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
          authorityId: request.authorityId,
          action: 'request.export',
          subject: { type: 'request', id: r.id, label: r.reference },
        });
    },
  );
  return {
    csv:
      request.format === 'csv'
        ? await spreadsheet(db, rows, definitions, request.locale)
        : { header: [], rows: [] },
    json: {
      dataModels,
      requests: rows.map((r) => ({
        reference: r.reference,
        status: r.status,
        submittedAt: r.created_at.toISOString(),
        representedByMandate: r.mandate_id !== null,
        level: r.level,
        answers: r.answers,
        dataModel: `${r.form_id}/${r.form_version}`,
      })),
    },
  };
}
