import { csvResponse } from '../../platform/http/csv.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { listFormsOf } from '../forms/index.ts';
import { personNames } from '../identity/index.ts';
import { backOfficeMessages } from './back-office-messages.ts';
import { assign } from './cases.ts';
import { exportRequests } from './export-requests.ts';
import { getCaseOfAuthority } from './get-case.ts';
import { inboxFilterOf as filterOf } from './inbox-filter.ts';
import { countInbox, inboxLookups, listInbox } from './list-inbox.ts';
import { caseMessages } from './messages.ts';
import { caseActorOf } from './posted-text.ts';
import { canOnCase } from './request-resource.ts';
import { requesterNames } from './requester-names.ts';
import { staffAuthority, staffBase } from './staff-case.ts';
import { InboxPage } from './views/inbox-page.tsx';
import { defaultWorkflow } from './workflow.ts';
import { workflowsFor } from './workflow-store.ts';

const pageSize = 25;

const inboxFilterOf = (c: RouteContext) => filterOf((name) => c.req.query(name), loggedInPerson(c).id);

/** The back office's inbox of an authority's requests: filters, pages, bulk assignment, export. */
export function inboxRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await staffAuthority(db, c);
        const { filter, criteria } = inboxFilterOf(c);
        const lookups = await inboxLookups(db, authority.id, criteria);
        const { rows, hasBefore, hasAfter } = await listInbox(
          db,
          authority.id,
          { ...criteria, after: c.req.query('after'), before: c.req.query('before'), pageSize },
          lookups,
        );
        const total = await countInbox(db, authority.id, criteria, lookups);
        const names = await personNames(
          db,
          rows.map((r) => r.assignee_person_id).filter((x): x is string => Boolean(x)),
        );
        const requesters = await requesterNames(db, rows);
        // Each row in its own form's words, as its request page says it: not the default workflow's.
        const workflows = await workflowsFor(db, [...new Set(rows.map((r) => r.form_id))]);
        const authorityName = pick(authority.names, c.var.locale, authority.languages);
        return platform.render(
          c,
          {
            title: caseMessages.translator(c.var.locale)('inboxTitle', { authority: authorityName }),
            breadcrumbs: [
              { label: backOfficeMessages.translator(c.var.locale)('homeTitle'), href: '/back-office' },
            ],
          },
          <InboxPage
            locale={c.var.locale}
            authorityName={authorityName}
            base={staffBase(authority)}
            workflow={defaultWorkflow}
            workflowOf={(item) => workflows.get(item.form_id) ?? defaultWorkflow}
            rows={rows}
            total={total}
            hasBefore={hasBefore}
            hasAfter={hasAfter}
            filter={filter}
            forms={await listFormsOf(db, [authority.id])}
            assigneeName={(id) => (id ? (names.get(id) ?? '') : '—')}
            requesterName={(item) => requesters.get(item.id) ?? ''}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/assign',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await staffAuthority(db, c);
        const posted = await c.req.parseBody({ all: true });
        const ids = [posted.ids ?? []].flat().filter((id): id is string => typeof id === 'string');
        for (const id of ids.slice(0, 200)) {
          const item = await getCaseOfAuthority(db, authority.id, id);
          if (item && (await canOnCase(db, c.var.actor, 'request.process', item)).allowed)
            await assign(db, item, caseActorOf(c), loggedInPerson(c).id);
        }
        return c.redirect(staffBase(authority), 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests/export/:format',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await staffAuthority(db, c);
        const format = c.req.param('format');
        if (format !== 'csv' && format !== 'json') throw notFound();
        const clerk = loggedInPerson(c);
        const exported = await exportRequests(db, {
          authorityId: authority.id,
          criteria: inboxFilterOf(c).criteria,
          format,
          clerk: { id: clerk.id, name: clerk.displayName },
          schemaBase: platform.config.publicUrl,
          locale: c.var.locale,
        });
        const filename = `requests-${authority.slug}.${format}`;
        if (format === 'csv')
          return csvResponse(c, filename, exported.csv.header, exported.csv.rows, { spreadsheet: true });
        c.header('Content-Disposition', `attachment; filename="${filename}"`);
        return c.json(exported.json);
      },
    },
  ];
}
