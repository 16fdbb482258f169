import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { csvResponse } from '../../platform/http/csv.ts';
import { fileResponse } from '../../platform/http/file-response.ts';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { type LocalisedText, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { localisedFrom } from '../../platform/views/components/translations.tsx';
import { accountAccess, getAccount, recordAccess } from '../accounts/index.ts';
import { type Authority, getAuthorityBySlug } from '../authorities/index.ts';
import {
  checkUpload,
  documentFile,
  getDocument,
  oneDocumentBodyBytes,
  publishAttachment,
  publishDocument,
  vaultOf,
} from '../documents/index.ts';
import {
  AnswersList,
  type Form,
  formJsonSchema,
  getForm,
  getVersion,
  listFormsOf,
  readSubmittedFile,
} from '../forms/index.ts';
import { getPerson, personName } from '../identity/index.ts';
import { paymentsFrom } from '../payments/index.ts';
import { authoritiesWhere, can } from '../policy/index.ts';
import {
  addEvent,
  assign,
  type Case,
  type CaseActor,
  getCase,
  type InboxFilter,
  listEvents,
  listInbox,
  moveTo,
  requestsVisibleTo,
} from './cases.ts';
import { caseMessages } from './messages.ts';
import { CaseStaffPage, citizenStatus, InboxPage, RequestPage, RequestsPage } from './views/case-views.tsx';
import { describeProblem, type NewStatus, WorkflowPage } from './views/workflow-page.tsx';
import { webhookSecret } from './webhook.ts';
import { actionStatuses, defaultWorkflow, requiredStatuses, type Workflow } from './workflow.ts';
import { saveWorkflow, statusesInUse, workflowFor, workflowProblems } from './workflow-store.ts';

type Posted = Record<string, string | File>;
const pageSize = 25;

/** Requests: the citizen's follow-up, and the back office's inbox and request pages. */
/** A letter needs both its title and its text (in French at least). */
const letterOf = (title: LocalisedText | undefined, text: LocalisedText | undefined) =>
  title && text ? { title, text } : undefined;

/**
 * The fee a designer set on a status: the amount a field of the form holds, or francs as typed ("50",
 * "50.00", "50,-"); a purpose and where a paid request goes. An amount that is not one is kept as an
 * impossible fee so the check names it.
 */
function feeOf(
  amount: string,
  amountField: string,
  purpose: LocalisedText | undefined,
  paidTo: string,
): Workflow['statuses'][string]['payment'] {
  if (!amount && !amountField) return undefined;
  const francs = /^\d{1,7}([.,]\d{1,2}|[.,]-)?$/.test(amount)
    ? Number(amount.replace(',', '.').replace(/\.-$/, ''))
    : Number.NaN;
  return {
    // Both an amount and a field is one too many: the check says so.
    ...(amount && { amountCents: Number.isNaN(francs) ? 0 : Math.round(francs * 100) }),
    ...(amountField && { amountField }),
    purpose: purpose ?? { fr: '' },
    paidTo,
  };
}

export function caseRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const actorOf = (c: RouteContext): CaseActor => {
    const actor = loggedInPerson(c);
    return { ref: `person:${actor.id}`, name: actor.displayName };
  };
  const text = (posted: Posted, name = 'text') =>
    typeof posted[name] === 'string' ? (posted[name] as string).trim().slice(0, 5000) : '';

  /** The request, if it belongs to the account in use and the actor may see it there. */
  async function ownCase(c: RouteContext) {
    const actor = loggedInPerson(c);
    const item = await getCase(db, c.req.param('id') ?? '');
    if (!item || item.account_id !== actor.account.id) throw notFound();
    const member = await accountAccess(db, actor.id, item.account_id);
    // An agent sees the requests made under their own mandate, no others.
    if (!member && (!actor.mandate || actor.mandate.id !== item.mandate_id)) throw notFound();
    return { actor, item };
  }

  async function renderRequest(
    c: RouteContext,
    item: Case,
    errors: FieldError[] = [],
    kept: Record<string, string> = {},
  ) {
    const workflow = await workflowFor(db, item.form_id);
    const events = await listEvents(db, item.id, false);
    return platform.render(
      c,
      {
        title: pick(item.title, c.var.locale),
        status: errors.length > 0 ? 422 : 200,
        breadcrumbs: [{ label: caseMessages.translator(c.var.locale)('requestsTitle'), href: '/requests' }],
      },
      <RequestPage
        locale={c.var.locale}
        item={item}
        workflow={workflow}
        events={events}
        status={citizenStatus(workflow, events, item.status, c.var.locale)}
        // The receipt is the sender's: what they sent, as they sent it.
        receipt={
          item.person_id === loggedInPerson(c).id
            ? `/forms/submissions/${item.submission_id}/receipt.pdf`
            : undefined
        }
        payments={await paymentsFrom(db, `case:${item.id}:`)}
        errors={errors}
        kept={kept}
      />,
    );
  }

  /** The authority in the path and one of its requests, for staff who may process them; else absent. */
  async function staffAuthority(c: RouteContext): Promise<Authority> {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    if (!authority) throw notFound();
    if (
      !(
        await can(db, c.var.actor, 'authority.processRequests', {
          type: 'authority',
          authorityId: authority.id,
        })
      ).allowed
    )
      throw notFound();
    return authority;
  }
  async function staffCase(c: RouteContext) {
    const authority = await staffAuthority(c);
    const item = await getCase(db, c.req.param('id') ?? '');
    if (!item || item.authority_id !== authority.id) throw notFound(); // another authority's: as if absent
    return { authority, item };
  }
  const staffBase = (authority: Authority) => `/back-office/authorities/${authority.slug}/requests`;

  async function renderStaffCase(
    c: RouteContext,
    authority: Authority,
    item: Case,
    errors: FieldError[] = [],
    kept: Record<string, string> = {},
  ) {
    const form = await getForm(db, item.form_id);
    const version = form && (await getVersion(db, form, item.form_version));
    const requester = await getPerson(db, item.person_id);
    const assignee = item.assignee_person_id ? await getPerson(db, item.assignee_person_id) : undefined;
    const account = await getAccount(db, item.account_id);
    return platform.render(
      c,
      { title: item.reference, status: errors.length > 0 ? 422 : 200 },
      <CaseStaffPage
        locale={c.var.locale}
        base={staffBase(authority)}
        item={item}
        workflow={await workflowFor(db, item.form_id)}
        events={await listEvents(db, item.id, true)}
        answers={
          version ? (
            <AnswersList
              locale={c.var.locale}
              definition={version.definition}
              answers={item.answers}
              fileHref={(fileId) => `${staffBase(authority)}/${item.id}/files/${fileId}?inline=1`}
            />
          ) : null
        }
        requester={`${requester ? personName(requester) : ''} · ${account?.name ?? ''}`}
        representative={item.mandate_id !== null}
        assignee={assignee ? personName(assignee) : caseMessages.translator(c.var.locale)('unassigned')}
        payments={await paymentsFrom(db, `case:${item.id}:`)}
        errors={errors}
        kept={kept}
      />,
    );
  }

  /** Staff opening what a requester sent shows in the requester's access log. */
  async function recordStaffView(
    c: RouteContext,
    item: Case,
    subject: { type: string; id: string; label: string },
  ) {
    const actor = loggedInPerson(c);
    await recordAccess(db, {
      accountId: item.account_id,
      person: { id: actor.id, name: actor.displayName },
      via: 'staff',
      action: `${subject.type}.download`,
      subject,
    });
  }

  /** The inbox's filters as the query gives them (for the form and links), and as criteria. */
  function inboxFilterOf(c: RouteContext) {
    const isoDate = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : '');
    const filter = {
      status: c.req.query('status') ?? '',
      assignee: c.req.query('assignee') ?? '',
      q: c.req.query('q') ?? '',
      form: c.req.query('form') ?? '',
      from: isoDate(c.req.query('from')),
      to: isoDate(c.req.query('to')),
      overdue: c.req.query('overdue') === '1' ? '1' : '',
      sort: ['oldest', 'due'].includes(c.req.query('sort') ?? '')
        ? (c.req.query('sort') as string)
        : 'newest',
    };
    const criteria: Omit<InboxFilter, 'page' | 'pageSize'> = {
      status: filter.status || undefined,
      assignee:
        filter.assignee === 'me' ? loggedInPerson(c).id : filter.assignee === 'none' ? 'none' : undefined,
      query: filter.q.slice(0, 100) || undefined,
      formId: /^[0-9a-f-]{36}$/.test(filter.form) ? filter.form : undefined,
      from: filter.from || undefined,
      to: filter.to || undefined,
      overdue: filter.overdue === '1',
      sort: filter.sort as 'newest' | 'oldest' | 'due',
    };
    return { filter, criteria };
  }

  /**
   * The text of a complement or a message and the file sent with it, kept in the requester's
   * documents and linked to the request; or what to tell the sender, with their text given back.
   */
  async function textAndFile(
    c: RouteContext,
    item: Case,
    field: 'complement' | 'message',
  ): Promise<{ text: string; documentId?: string } | { errors: FieldError[]; kept: Record<string, string> }> {
    const posted = (await c.req.parseBody()) as Posted;
    const value = text(posted);
    const t = caseMessages.translator(c.var.locale);
    if (!value) return { errors: [{ field, message: t('textMissing') }], kept: {} };
    const attached = await publishAttachment(platform, posted.file, {
      accountId: item.account_id,
      authorityId: item.authority_id,
      titlePrefix: item.reference,
      requestId: item.id,
      // A form sent twice (a double click, a retry) keeps one document.
      scope: `${field}:${item.id}`,
      publishedBy: actorOf(c).ref,
    });
    if (attached === 'refused')
      return { errors: [{ field: `${field}-file`, message: t('fileRefused') }], kept: { [field]: value } };
    return { text: value, documentId: attached.documentId };
  }

  /** A back-office action on one text: refused with a message when empty, then back to the request. */
  const staffTextRoute = (
    path: string,
    field: string,
    act: (c: RouteContext, item: Case, value: string) => Promise<void>,
  ): RouteDef => ({
    method: 'POST',
    path: `/back-office/authorities/:slug/requests/:id/${path}`,
    access: 'staff',
    async handler(c) {
      const { authority, item } = await staffCase(c);
      const value = text((await c.req.parseBody()) as Posted);
      if (!value)
        return renderStaffCase(c, authority, item, [
          { field, message: caseMessages.translator(c.var.locale)('textMissing') },
        ]);
      await act(c, item, value);
      return c.redirect(`${staffBase(authority)}/${item.id}`, 303);
    },
  });

  /** The form in the path, if the actor designs for its authority. */
  async function designedForm(c: RouteContext) {
    const form = await getForm(db, c.req.param('formId') ?? '');
    if (
      !form ||
      !(await authoritiesWhere(db, c.var.actor, 'authority.designServices')).includes(form.authorityId)
    )
      throw notFound();
    return form;
  }

  async function renderWorkflow(
    c: RouteContext,
    form: Form,
    workflow: Workflow,
    problems: string[] = [],
    newStatus?: NewStatus,
  ) {
    const t = caseMessages.translator(c.var.locale);
    const version = await getVersion(db, form, 'latest');
    const fieldsOf = (types: string[]) =>
      (version?.definition.steps ?? []).flatMap((step) =>
        step.fields
          .filter((f) => types.includes(f.type))
          .map((f) => ({ id: f.id, label: pick(f.label, c.var.locale) })),
      );
    const fields = fieldsOf(['text', 'choice', 'yesno', 'number']);
    return platform.render(
      c,
      { title: t('workflowTitle', { form: form.name }), status: problems.length > 0 ? 422 : 200 },
      <WorkflowPage
        locale={c.var.locale}
        formName={form.name}
        action={c.req.path}
        workflow={workflow}
        errors={problems.map((problem) => ({
          field: 'main',
          message: describeProblem(t, problem, (id) =>
            pick(workflow.statuses[id]?.staffLabel ?? { fr: id }, c.var.locale),
          ),
        }))}
        saved={c.req.query('saved') === '1'}
        webhookSecret={webhookSecret(platform.secrets, form.id)}
        fields={fields}
        feeFields={fieldsOf(['number', 'computed'])}
        newStatus={newStatus}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/back-office/forms/:formId/workflow',
      access: 'staff',
      async handler(c) {
        const form = await designedForm(c);
        return renderWorkflow(c, form, await workflowFor(db, form.id));
      },
    },
    {
      method: 'POST',
      path: '/back-office/forms/:formId/workflow',
      access: 'staff',
      async handler(c) {
        const form = await designedForm(c);
        const current = await workflowFor(db, form.id);
        const posted = await c.req.parseBody({ all: true });
        const one = (name: string) => {
          const value = posted[name];
          return typeof value === 'string' ? value.trim().slice(0, 200) : '';
        };
        const statuses: Workflow['statuses'] = {};
        const removed: string[] = [];
        for (const [id, status] of Object.entries(current.statuses)) {
          const field = (name: string) => one(`status.${id}.${name}`);
          if (field('remove') === 'yes' && !requiredStatuses.includes(id) && id !== current.initial) {
            removed.push(id);
            continue;
          }
          const days = Number.parseInt(field('timeoutDays'), 10);
          statuses[id] = {
            ...status,
            staffLabel: localisedFrom(posted, `status.${id}.staffLabel`, 200) ?? status.staffLabel,
            citizenLabel: localisedFrom(posted, `status.${id}.citizenLabel`, 200),
            final: requiredStatuses.includes(id) ? status.final : field('final') === 'yes' || undefined,
            notify: field('notify') === 'yes',
            webhook: field('webhook') === 'yes',
            letter: letterOf(
              localisedFrom(posted, `status.${id}.letterTitle`, 200),
              localisedFrom(posted, `status.${id}.letterText`, 5000),
            ),
            withdrawable: field('withdrawable') === 'yes',
            timeout: Number.isInteger(days) && days > 0 ? { days, to: field('timeoutTo') } : undefined,
            payment: feeOf(
              field('paymentAmount'),
              field('paymentField'),
              localisedFrom(posted, `status.${id}.paymentPurpose`, 200),
              field('paidTo'),
            ),
          };
        }
        const problems: string[] = [];
        // A status that requests are in stays: they would have nowhere to go.
        for (const id of await statusesInUse(db, form.id, removed)) {
          problems.push(`in-use:${id}`);
          statuses[id] = current.statuses[id] as Workflow['statuses'][string];
        }
        const newStatus: NewStatus | undefined = one('newStatus.id')
          ? {
              id: one('newStatus.id'),
              staffLabel: localisedFrom(posted, 'newStatus.staffLabel', 200),
              citizenLabel: localisedFrom(posted, 'newStatus.citizenLabel', 200),
            }
          : undefined;
        if (newStatus && current.statuses[newStatus.id]) problems.push(`exists:${newStatus.id}`);
        const transitions: Workflow['transitions'] = [];
        for (let i = 0; i <= current.transitions.length; i++) {
          const from = one(`transition.${i}.from`);
          const to = one(`transition.${i}.to`);
          if (!from || !to) continue;
          const roles = [posted[`transition.${i}.roles`] ?? []]
            .flat()
            .filter((r): r is 'agent' | 'authorityAdmin' => r === 'agent' || r === 'authorityAdmin');
          const autoField = one(`transition.${i}.autoField`);
          const autoValue = one(`transition.${i}.autoValue`);
          const operator = ['==', '!=', '>', '<'].includes(one(`transition.${i}.autoOperator`))
            ? one(`transition.${i}.autoOperator`)
            : '==';
          const typed =
            autoValue === 'true' || autoValue === 'false'
              ? autoValue === 'true'
              : /^-?\d+(\.\d+)?$/.test(autoValue)
                ? Number(autoValue)
                : autoValue;
          transitions.push({
            from,
            to,
            roles,
            label: localisedFrom(posted, `transition.${i}.label`, 200) ?? { fr: to },
            ...(autoField && { auto: { [operator]: [{ var: autoField }, typed] } }),
          });
        }
        const webhookUrl = one('webhookUrl');
        const workflow: Workflow = {
          ...current,
          initial: one('initial') || current.initial,
          statuses,
          transitions,
          webhookUrl: webhookUrl || undefined,
        };
        const saved: Workflow =
          newStatus && problems.length === 0
            ? {
                ...workflow,
                statuses: {
                  ...statuses,
                  [newStatus.id]: {
                    staffLabel: newStatus.staffLabel ?? { fr: '' },
                    citizenLabel: newStatus.citizenLabel,
                  },
                },
              }
            : workflow;
        problems.push(...workflowProblems(saved));
        // The new status waits in its own fields until the whole workflow holds together.
        if (problems.length > 0) return renderWorkflow(c, form, workflow, problems, newStatus);
        await saveWorkflow(db, actorOf(c).ref, form.id, saved);
        return c.redirect(`${c.req.path}?saved=1`, 303);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/requests/:id',
      access: 'apiClient',
      async handler(c) {
        const actor = c.var.actor;
        const item = await getCase(db, c.req.param('id') ?? '');
        // An application sees its own authority's requests only; others do not exist for it.
        if (!item || actor?.kind !== 'apiClient' || actor.authorityId !== item.authority_id) throw notFound();
        const person = await getPerson(db, item.person_id);
        const account = await getAccount(db, item.account_id);
        return c.json({
          id: item.id,
          reference: item.reference,
          status: item.status,
          submittedAt: item.created_at.toISOString(),
          form: { id: item.form_id, version: item.form_version },
          levelOfAssurance: item.level,
          // Whose request it is, and who filled it in: the same person, or a representative under a mandate.
          onBehalfOf: {
            accountId: item.account_id,
            name: account?.name ?? '',
            kind: account?.kind ?? 'personal',
          },
          actedBy: {
            personId: item.person_id,
            name: person ? personName(person) : '',
            avs: person?.avs ?? null,
          },
          mandate: item.mandate_id ? { id: item.mandate_id } : null,
          answers: item.answers,
        });
      },
    },
    staffTextRoute('complement', 'complement', (c, item, value) =>
      moveTo(db, item, actorOf(c), actionStatuses.complement, { kind: 'complement', text: value }),
    ),
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests/:id/documents/:documentId',
      access: 'staff',
      async handler(c) {
        const { item } = await staffCase(c);
        // Staff open the documents of their authority's request only, and each opening is logged for the requester.
        const document = await getDocument(db, c.req.param('documentId') ?? '');
        if (!document || document.request_id !== item.id) throw notFound();
        const response = await documentFile(c, await vaultOf(platform), document);
        await recordStaffView(c, item, { type: 'document', id: document.id, label: document.title });
        return response;
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests/:id/files/:fileId',
      access: 'staff',
      async handler(c) {
        const { item } = await staffCase(c);
        const file = await readSubmittedFile(
          db,
          await masterKeysFor(platform.config, db),
          item.submission_id,
          c.req.param('fileId') ?? '',
        );
        if (!file) throw notFound();
        await recordStaffView(c, item, { type: 'file', id: c.req.param('fileId') ?? '', label: file.name });
        return fileResponse(c, { bytes: file.bytes, contentType: file.type, filename: file.name });
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/:id/messages',
      access: 'staff',
      maxBodyBytes: oneDocumentBodyBytes,
      async handler(c) {
        const { authority, item } = await staffCase(c);
        const sent = await textAndFile(c, item, 'message');
        if ('errors' in sent) return renderStaffCase(c, authority, item, sent.errors, sent.kept);
        await addEvent(
          db,
          item,
          actorOf(c),
          { kind: 'message', text: sent.text, internal: false, document_id: sent.documentId },
          true,
        );
        return c.redirect(`${staffBase(authority)}/${item.id}`, 303);
      },
    },
    staffTextRoute('notes', 'note', (c, item, value) =>
      addEvent(db, item, actorOf(c), { kind: 'note', text: value, internal: true }),
    ),
    {
      method: 'GET',
      path: '/requests',
      access: 'person',
      async handler(c) {
        const visible = await requestsVisibleTo(db, loggedInPerson(c));
        const cases = await Promise.all(
          visible.map(async (item) => ({
            item,
            status: citizenStatus(
              await workflowFor(db, item.form_id),
              await listEvents(db, item.id, false),
              item.status,
              c.var.locale,
            ),
          })),
        );
        return platform.render(
          c,
          { title: caseMessages.translator(c.var.locale)('requestsTitle') },
          <RequestsPage locale={c.var.locale} cases={cases} />,
        );
      },
    },
    {
      method: 'GET',
      path: '/requests/:id',
      access: 'person',
      async handler(c) {
        const { actor, item } = await ownCase(c);
        const member = await accountAccess(db, actor.id, item.account_id);
        await recordAccess(db, {
          accountId: item.account_id,
          person: { id: actor.id, name: actor.displayName },
          via: member ? (member.kind === 'personal' ? 'holder' : 'member') : 'mandate',
          mandateId: member ? undefined : (actor.mandate?.id ?? undefined),
          action: 'request.view',
          subject: { type: 'request', id: item.id, label: item.reference },
        });
        return renderRequest(c, item);
      },
    },
    {
      method: 'POST',
      path: '/requests/:id/complement',
      access: 'person',
      maxBodyBytes: oneDocumentBodyBytes,
      async handler(c) {
        const { item } = await ownCase(c);
        if (!(await workflowFor(db, item.form_id)).statuses[item.status]?.awaitsCitizen)
          throw new HttpError(409, 'not_awaiting');
        const sent = await textAndFile(c, item, 'complement');
        if ('errors' in sent) return renderRequest(c, item, sent.errors, sent.kept);
        await moveTo(db, item, actorOf(c), actionStatuses.answered, {
          kind: 'answer',
          text: sent.text,
          document_id: sent.documentId,
        });
        return c.redirect(`/requests/${item.id}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/requests/:id/withdraw',
      access: 'person',
      async handler(c) {
        const { item } = await ownCase(c);
        if (!(await workflowFor(db, item.form_id)).statuses[item.status]?.withdrawable)
          throw new HttpError(409, 'not_withdrawable');
        await moveTo(db, item, actorOf(c), actionStatuses.withdrawn);
        return c.redirect(`/requests/${item.id}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/requests/:id/messages',
      access: 'person',
      maxBodyBytes: oneDocumentBodyBytes,
      async handler(c) {
        const { item } = await ownCase(c);
        const sent = await textAndFile(c, item, 'message');
        if ('errors' in sent) return renderRequest(c, item, sent.errors, sent.kept);
        await addEvent(db, item, actorOf(c), {
          kind: 'message',
          text: sent.text,
          internal: false,
          document_id: sent.documentId,
        });
        return c.redirect(`/requests/${item.id}`, 303);
      },
    },
    // Back office
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests',
      access: 'staff',
      async handler(c) {
        const authority = await staffAuthority(c);
        const { filter, criteria } = inboxFilterOf(c);
        const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
        const { total, rows } = await listInbox(db, authority.id, { ...criteria, page, pageSize });
        const names = new Map<string, string>();
        for (const id of new Set(
          rows.map((r) => r.assignee_person_id).filter((x): x is string => Boolean(x)),
        )) {
          const person = await getPerson(db, id);
          if (person) names.set(id, personName(person));
        }
        const authorityName = pick(authority.names, c.var.locale, authority.languages);
        return platform.render(
          c,
          { title: caseMessages.translator(c.var.locale)('inboxTitle', { authority: authorityName }) },
          <InboxPage
            locale={c.var.locale}
            authorityName={authorityName}
            base={staffBase(authority)}
            workflow={defaultWorkflow}
            rows={rows}
            total={total}
            page={page}
            pageSize={pageSize}
            filter={filter}
            forms={await listFormsOf(db, [authority.id])}
            assigneeName={(id) => (id ? (names.get(id) ?? '') : '—')}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/assign',
      access: 'staff',
      async handler(c) {
        const authority = await staffAuthority(c);
        const posted = await c.req.parseBody({ all: true });
        const ids = [posted.ids ?? []].flat().filter((id): id is string => typeof id === 'string');
        for (const id of ids.slice(0, 200)) {
          const item = await getCase(db, id);
          if (item?.authority_id === authority.id) await assign(db, item, actorOf(c), loggedInPerson(c).id);
        }
        return c.redirect(staffBase(authority), 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests/export/:format',
      access: 'staff',
      async handler(c) {
        const authority = await staffAuthority(c);
        const format = c.req.param('format');
        if (format !== 'csv' && format !== 'json') throw notFound();
        // What the inbox shows with the same filters (e.g. one service's requests), all pages.
        const { rows } = await listInbox(db, authority.id, {
          ...inboxFilterOf(c).criteria,
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
        c.header('Content-Disposition', `attachment; filename="requests-${authority.slug}.${format}"`);
        if (format === 'json') {
          // With the data model of each form version the answers were given with.
          const models: Record<string, unknown> = {};
          for (const r of rows) {
            const key = `${r.form_id}/${r.form_version}`;
            if (models[key]) continue;
            const form = await getForm(db, r.form_id);
            const version = form && (await getVersion(db, form, r.form_version));
            if (version)
              models[key] = formJsonSchema(
                version.definition,
                `${platform.config.publicUrl}/api/v1/forms/${r.form_id}/schema`,
              );
          }
          return c.json({
            dataModels: models,
            requests: records.map((record, i) => ({
              ...record,
              dataModel: `${rows[i]?.form_id}/${rows[i]?.form_version}`,
            })),
          });
        }
        return csvResponse(
          c,
          `requests-${authority.slug}.csv`,
          ['reference', 'status', 'submittedAt', 'representedByMandate', 'level', 'answers'],
          records.map((r) => [
            r.reference,
            r.status,
            r.submittedAt,
            r.representedByMandate,
            r.level,
            r.answers,
          ]),
        );
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests/:id',
      access: 'staff',
      async handler(c) {
        const { authority, item } = await staffCase(c);
        return renderStaffCase(c, authority, item);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/:id/assign',
      access: 'staff',
      async handler(c) {
        const { authority, item } = await staffCase(c);
        await assign(db, item, actorOf(c), loggedInPerson(c).id);
        return c.redirect(`${staffBase(authority)}/${item.id}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/:id/transition',
      access: 'staff',
      async handler(c) {
        const { authority, item } = await staffCase(c);
        const to = String((await c.req.parseBody()).to ?? '');
        const actor = loggedInPerson(c);
        const roles = actor.staffRoles.filter((r) => r.authorityId === authority.id).map((r) => r.role);
        const allowed = (await workflowFor(db, item.form_id)).transitions.some(
          (tr) => tr.from === item.status && tr.to === to && tr.roles.some((r) => roles.includes(r)),
        );
        if (!allowed) throw new HttpError(409, 'transition_not_allowed');
        await moveTo(db, item, actorOf(c), to);
        return c.redirect(`${staffBase(authority)}/${item.id}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/:id/decide',
      access: 'staff',
      maxBodyBytes: oneDocumentBodyBytes,
      async handler(c) {
        const { authority, item } = await staffCase(c);
        const posted = (await c.req.parseBody()) as Posted;
        const outcome = posted.outcome === 'refused' ? 'refused' : 'granted';
        const file = posted.file instanceof File && posted.file.size > 0 ? posted.file : undefined;
        const bytes = file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
        if (!file || typeof checkUpload(bytes) === 'string')
          return renderStaffCase(c, authority, item, [
            { field: 'decision-file', message: caseMessages.translator(c.var.locale)('fileMissing') },
          ]);
        // The decision goes to the requester's document space, linked to the request; retries publish it once.
        const { document } = await publishDocument(await vaultOf(platform), {
          accountId: item.account_id,
          authorityId: item.authority_id,
          title: `${pick(item.title, 'fr')} – ${item.reference}`.slice(0, 200),
          category: 'decision',
          theme: null,
          message: null,
          requestId: item.id,
          filename: file.name,
          bytes,
          idempotencyKey: `decision:${item.id}`,
          publishedBy: actorOf(c).ref,
        });
        await moveTo(db, item, actorOf(c), actionStatuses[outcome], {
          kind: 'decision',
          document_id: document.id,
        });
        return c.redirect(`${staffBase(authority)}/${item.id}`, 303);
      },
    },
  ];
}
