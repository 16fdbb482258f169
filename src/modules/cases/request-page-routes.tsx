import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import { fileResponse } from '../../platform/http/file-response.ts';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { readUploads, refusalMessage } from '../../platform/uploads/index.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { getAccount, recordAccess } from '../accounts/index.ts';
import type { Authority } from '../authorities/index.ts';
import {
  documentFile,
  getDocumentOfAuthority,
  maxDocumentBytes,
  oneDocumentBodyBytes,
  vaultOf,
} from '../documents/index.ts';
import { AnswersList, getForm, getVersion, readSubmittedFile } from '../forms/index.ts';
import { getPerson, personName } from '../identity/index.ts';
import { deliveryStateOf } from '../integration/index.ts';
import { paymentsFrom } from '../payments/index.ts';
import { issuingContextOf } from '../signing/index.ts';
import { backOfficeMessages } from './back-office-messages.ts';
import { addEvent, assign, type Case, listEvents, RequestChangedError } from './cases.ts';
import { decideRequest } from './decide-request.ts';
import { decisionDocument, decisionTemplates } from './decision-letters.ts';
import { caseMessages } from './messages.ts';
import { moveTo } from './move-request.ts';
import { caseActorOf, type Posted, postedText, seenVersion, textAndFile } from './posted-text.ts';
import { canOnCase } from './request-resource.ts';
import { staffBase, staffCase } from './staff-case.ts';
import { RequestChangedPage } from './views/request-changed-page.tsx';
import { CaseStaffPage } from './views/request-staff-page.tsx';
import { actionStatuses } from './workflow.ts';
import { workflowFor } from './workflow-store.ts';

/** The back office's request page: reading a request and its files, and everything staff do on it. */
export function requestPageRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

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
    const workflow = await workflowFor(db, item.form_id);
    const authorityName = pick(authority.names, c.var.locale, authority.languages);
    const requesterName = requester ? personName(requester) : '';
    return platform.render(
      c,
      {
        title: item.reference,
        status: errors.length > 0 ? 422 : 200,
        // The way back to the inbox, which the page otherwise lacks (on a phone, the header's only link is the desk).
        breadcrumbs: [
          {
            label: caseMessages.translator(c.var.locale)('inboxTitle', { authority: authorityName }),
            href: staffBase(authority),
          },
        ],
      },
      <CaseStaffPage
        locale={c.var.locale}
        base={staffBase(authority)}
        item={item}
        workflow={workflow}
        templates={decisionTemplates(workflow)}
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
        // A personal account bears its holder's name: said once.
        requester={
          account && account.name !== requesterName ? `${requesterName} · ${account.name}` : requesterName
        }
        representative={item.mandate_id !== null}
        assignee={assignee ? personName(assignee) : caseMessages.translator(c.var.locale)('unassigned')}
        payments={await paymentsFrom(db, item.authority_id, `case:${item.id}:`)}
        transmission={(await deliveryStateOf(db, item.authority_id, `request:${item.id}`)).state}
        errors={errors}
        kept={kept}
      />,
    );
  }

  /** The page that tells a clerk someone else changed the request since their page showed it. */
  function changedPage(c: RouteContext, authority: Authority, item: Case) {
    return platform.render(
      c,
      { title: caseMessages.translator(c.var.locale)('requestChangedTitle'), status: 409 },
      <RequestChangedPage locale={c.var.locale} href={`${staffBase(authority)}/${item.id}`} />,
    );
  }

  /**
   * Does what the clerk asked, then back to the request; if someone else changed the request since
   * their page showed it, nothing is done and a page says so.
   */
  async function unlessChanged(
    c: RouteContext,
    authority: Authority,
    item: Case,
    work: () => Promise<unknown>,
  ) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof RequestChangedError)) throw error;
      return changedPage(c, authority, item);
    }
    return c.redirect(`${staffBase(authority)}/${item.id}`, 303);
  }

  /** Staff reading what a requester sent shows in the requester's access log. */
  async function recordStaffRead(
    c: RouteContext,
    item: Case,
    action: string,
    subject: { type: string; id: string; label: string },
  ) {
    const actor = loggedInPerson(c);
    await recordAccess(db, {
      accountId: item.account_id,
      person: { id: actor.id, name: actor.displayName },
      via: 'staff',
      authorityId: item.authority_id,
      action,
      subject,
    });
  }

  /** A back-office action on one text: refused with a message when empty, then back to the request. */
  const staffTextRoute = (
    path: string,
    field: string,
    act: (c: RouteContext, item: Case, value: string, posted: Posted) => Promise<void>,
  ): RouteDef => ({
    method: 'POST',
    path: `/back-office/authorities/:slug/requests/:id/${path}`,
    access: 'staff',
    object: 'decided',
    async handler(c) {
      const { authority, item } = await staffCase(db, c);
      const posted = (await c.req.parseBody()) as Posted;
      const value = postedText(posted);
      if (!value)
        return renderStaffCase(c, authority, item, [
          { field, message: caseMessages.translator(c.var.locale)('textMissing') },
        ]);
      return unlessChanged(c, authority, item, () => act(c, item, value, posted));
    },
  });

  return [
    staffTextRoute('complement', 'complement', (c, item, value, posted) =>
      moveTo(
        db,
        item,
        caseActorOf(c),
        actionStatuses.complement,
        { kind: 'complement', text: value },
        seenVersion(posted, item),
      ),
    ),
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests/:id/documents/:documentId',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { item } = await staffCase(db, c);
        // Staff open the documents of their authority's request only, and each opening is logged for the requester.
        const document = await getDocumentOfAuthority(db, item.authority_id, c.req.param('documentId') ?? '');
        if (!document || document.request_id !== item.id) throw notFound();
        const response = await documentFile(c, await vaultOf(platform), document);
        await recordStaffRead(c, item, 'document.download', {
          type: 'document',
          id: document.id,
          label: document.title,
        });
        return response;
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests/:id/files/:fileId',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { item } = await staffCase(db, c);
        const file = await readSubmittedFile(
          db,
          await masterKeysFor(platform.config, db),
          item.account_id,
          item.submission_id,
          c.req.param('fileId') ?? '',
        );
        // Not scanned yet (or infected): staff never receive it.
        if (!file || file === 'quarantined') throw notFound();
        await recordStaffRead(c, item, 'file.download', {
          type: 'file',
          id: c.req.param('fileId') ?? '',
          label: file.name,
        });
        return fileResponse(c, { bytes: file.bytes, contentType: file.type, filename: file.name });
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/:id/messages',
      access: 'staff',
      object: 'decided',
      maxBodyBytes: oneDocumentBodyBytes,
      uploads: true,
      async handler(c) {
        const { authority, item } = await staffCase(db, c);
        const sent = await textAndFile(platform, c, item, 'message', 'authority');
        if ('errors' in sent) return renderStaffCase(c, authority, item, sent.errors, sent.kept);
        await addEvent(
          db,
          item,
          caseActorOf(c),
          { kind: 'message', text: sent.text, internal: false, document_id: sent.documentId },
          true,
        );
        return c.redirect(`${staffBase(authority)}/${item.id}`, 303);
      },
    },
    staffTextRoute('notes', 'note', (c, item, value) =>
      addEvent(db, item, caseActorOf(c), { kind: 'note', text: value, internal: true }),
    ),
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/requests/:id',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, item } = await staffCase(db, c);
        await recordStaffRead(c, item, 'request.view', {
          type: 'request',
          id: item.id,
          label: item.reference,
        });
        return renderStaffCase(c, authority, item);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/:id/assign',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, item } = await staffCase(db, c);
        await assign(db, item, caseActorOf(c), loggedInPerson(c).id);
        return c.redirect(`${staffBase(authority)}/${item.id}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/:id/transition',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, item } = await staffCase(db, c);
        const posted = (await c.req.parseBody()) as Posted;
        const to = String(posted.to ?? '');
        // The moves offered were those of the request as the clerk saw it.
        if (seenVersion(posted, item) !== item.version) return changedPage(c, authority, item);
        const moves = (await workflowFor(db, item.form_id)).transitions.filter(
          (tr) => tr.from === item.status && tr.to === to,
        );
        // The policy decides whether the clerk holds one of the roles the workflow gives this move.
        const roles = [...new Set(moves.flatMap((m) => m.roles))];
        if (
          moves.length === 0 ||
          !(await canOnCase(db, c.var.actor, 'request.transition', item, roles)).allowed
        )
          throw new HttpError(409, 'transition_not_allowed');
        return unlessChanged(c, authority, item, () =>
          moveTo(db, item, caseActorOf(c), to, { kind: 'status' }, seenVersion(posted, item)),
        );
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/requests/:id/decide',
      access: 'staff',
      object: 'decided',
      maxBodyBytes: oneDocumentBodyBytes,
      uploads: true,
      async handler(c) {
        const { authority, item } = await staffCase(db, c);
        const read = await readUploads(c, { maxBytes: maxDocumentBytes, maxFiles: 1, accepted: ['pdf'] });
        // A decision goes out at once: one the scanner could not check yet is sent again later.
        const file = 'files' in read ? read.files[0] : undefined;
        const refused =
          'refused' in read
            ? read.refused
            : file?.scan === 'pending'
              ? ({ code: 'scanner-unavailable' } as const)
              : undefined;
        if (refused)
          return renderStaffCase(c, authority, item, [
            { field: 'decision-file', message: refusalMessage(refused, c.var.locale) },
          ]);
        const posted = read.fields as Posted;
        const outcome = posted.outcome === 'refused' ? 'refused' : 'granted';
        const given = await decisionDocument(db, item, { template: posted.template, file }, outcome);
        if ('missing' in given)
          return renderStaffCase(c, authority, item, [
            given.missing === 'decision-file'
              ? { field: given.missing, message: caseMessages.translator(c.var.locale)('fileMissing') }
              : {
                  field: given.missing,
                  message: backOfficeMessages.translator(c.var.locale)('templateMissing'),
                },
          ]);
        return unlessChanged(c, authority, item, async () =>
          decideRequest(await issuingContextOf(platform), {
            item,
            seenVersion: seenVersion(posted, item),
            actor: caseActorOf(c),
            outcome,
            ...given,
          }),
        );
      },
    },
  ];
}
