import { atLeast } from '../../platform/http/assurance-level.ts';
import { HttpError, notFound, StepUpRequired } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { type AccessVia, recordAccess } from '../accounts/index.ts';
import { oneDocumentBodyBytes } from '../documents/index.ts';
import { deliveryStateOf } from '../integration/index.ts';
import { paymentsFrom } from '../payments/index.ts';
import type { RequestAction } from '../policy/index.ts';
import { addEvent, type Case, listEvents, RequestChangedError } from './cases.ts';
import { getCaseOfAccount } from './get-case.ts';
import { caseMessages } from './messages.ts';
import { moveTo } from './move-request.ts';
import { caseActorOf, textAndFile } from './posted-text.ts';
import { canOnCase, requestsPageVisibleTo } from './request-resource.ts';
import { RequestPage, RequestsPage } from './views/citizen-pages.tsx';
import { citizenStatus } from './views/timeline.tsx';
import { WithdrawPage } from './views/withdraw-page.tsx';
import { actionStatuses } from './workflow.ts';
import { workflowFor } from './workflow-store.ts';

/** The requester's side: the requests of the account in use, one followed, answered, withdrawn. */
/** Requests on one page of the citizen's list: the few they look for are the latest. */
export const requestsPageSize = 20;

export function citizenRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The request, if it is in the account in use and the policy lets the actor do `action` on it. */
  async function ownCase(c: RouteContext, action: RequestAction) {
    const actor = loggedInPerson(c);
    const item = await getCaseOfAccount(db, actor.account.id, c.req.param('id') ?? '');
    const decision = item && (await canOnCase(db, actor, action, item));
    if (!item || !decision?.allowed) throw notFound();
    // What was sent at the level the service asks is read and answered at that level, as it was sent.
    if (!atLeast(actor.level, item.required_level)) throw new StepUpRequired(item.required_level);
    return { actor, item, decision };
  }

  /** A move the requester asks; someone else moving the request meanwhile is a conflict, not an error. */
  async function moved(work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      if (error instanceof RequestChangedError) throw new HttpError(409, 'request_changed');
      throw error;
    }
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
        payments={await paymentsFrom(db, item.authority_id, `case:${item.id}:`)}
        transmission={(await deliveryStateOf(db, item.authority_id, `request:${item.id}`)).state}
        errors={errors}
        kept={kept}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/requests',
      access: 'person',
      async handler(c) {
        const { items, hasBefore, hasAfter } = await requestsPageVisibleTo(db, loggedInPerson(c), {
          after: c.req.query('after'),
          before: c.req.query('before'),
          size: requestsPageSize,
        });
        const cases = await Promise.all(
          items.map(async (item) => ({
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
          <RequestsPage locale={c.var.locale} cases={cases} hasBefore={hasBefore} hasAfter={hasAfter} />,
        );
      },
    },
    {
      method: 'GET',
      path: '/requests/:id',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { actor, item, decision } = await ownCase(c, 'request.view');
        if (decision.allowed)
          await recordAccess(db, {
            accountId: item.account_id,
            person: { id: actor.id, name: actor.displayName },
            via: decision.via as AccessVia,
            mandateId: decision.mandateId,
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
      object: 'decided',
      maxBodyBytes: oneDocumentBodyBytes,
      uploads: true,
      async handler(c) {
        const { item } = await ownCase(c, 'request.answerComplement');
        if (!(await workflowFor(db, item.form_id)).statuses[item.status]?.awaitsCitizen)
          throw new HttpError(409, 'not_awaiting');
        const sent = await textAndFile(platform, c, item, 'complement', 'requester');
        if ('errors' in sent) return renderRequest(c, item, sent.errors, sent.kept);
        await moved(() =>
          moveTo(db, item, caseActorOf(c), actionStatuses.answered, {
            kind: 'answer',
            text: sent.text,
            document_id: sent.documentId,
          }),
        );
        return c.redirect(`/requests/${item.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/requests/:id/withdraw',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { item } = await ownCase(c, 'request.withdraw');
        if (!(await workflowFor(db, item.form_id)).statuses[item.status]?.withdrawable)
          return c.redirect(`/requests/${item.id}`, 303);
        return platform.render(
          c,
          {
            title: caseMessages.translator(c.var.locale)('withdrawTitle', { reference: item.reference }),
            breadcrumbs: [
              { label: caseMessages.translator(c.var.locale)('requestsTitle'), href: '/requests' },
              { label: item.reference, href: `/requests/${item.id}` },
            ],
          },
          <WithdrawPage
            locale={c.var.locale}
            item={item}
            payments={await paymentsFrom(db, item.authority_id, `case:${item.id}:`)}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/requests/:id/withdraw',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { item } = await ownCase(c, 'request.withdraw');
        if (!(await workflowFor(db, item.form_id)).statuses[item.status]?.withdrawable)
          throw new HttpError(409, 'not_withdrawable');
        await moved(() => moveTo(db, item, caseActorOf(c), actionStatuses.withdrawn));
        return c.redirect(`/requests/${item.id}`, 303);
      },
    },
    {
      method: 'POST',
      path: '/requests/:id/messages',
      access: 'person',
      object: 'decided',
      maxBodyBytes: oneDocumentBodyBytes,
      uploads: true,
      async handler(c) {
        const { item } = await ownCase(c, 'request.message');
        const sent = await textAndFile(platform, c, item, 'message', 'requester');
        if ('errors' in sent) return renderRequest(c, item, sent.errors, sent.kept);
        await addEvent(db, item, caseActorOf(c), {
          kind: 'message',
          text: sent.text,
          internal: false,
          document_id: sent.documentId,
        });
        return c.redirect(`/requests/${item.id}`, 303);
      },
    },
  ];
}
