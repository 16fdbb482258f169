import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { NotificationBanner } from '../../platform/views/components/notification-banner.tsx';
import { recordAccess } from '../accounts/index.ts';
import { getAuthorityById, getAuthorityBySlug, listAuthorities } from '../authorities/index.ts';
import { getServiceEntry, listPublished } from '../catalogue/index.ts';
import { can } from '../policy/index.ts';
import { listFaqEntries } from './change-faq-entry.ts';
import { addFaqEntry } from './faq.ts';
import { faqBase, faqRoutes, readFaqForm } from './faq-routes.tsx';
import { ticketResource } from './help-routes.tsx';
import { supportMessages } from './messages.ts';
import { supportPaths } from './paths.ts';
import type { TicketState } from './tables.ts';
import {
  assignTicket,
  getTicket,
  handOverTicket,
  listReplies,
  listTicketsHandledBy,
  replyToTicket,
  setTicketState,
  type Ticket,
} from './tickets.ts';
import { FaqForm } from './views/faq-form.tsx';
import { FaqList } from './views/faq-list.tsx';
import { TicketList, TicketPage } from './views/ticket-views.tsx';

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** The support desk in the back office: the canton's, and each authority's for what is handed to it. */
export function deskRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function deskAuthority(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = authority && { type: 'authority' as const, authorityId: authority.id };
    if (!resource || !(await can(db, c.var.actor, 'authority.processRequests', resource)).allowed)
      throw notFound();
    return authority;
  }

  /** The ticket in the path, if it is with this authority (or was handed over by it) and the person handles it. */
  async function deskTicket(c: RouteContext) {
    const actor = loggedInPerson(c);
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const ticket = await getTicket(db, c.req.param('id') ?? '');
    const here =
      authority && ticket && [ticket.handler_authority_id, ticket.desk_authority_id].includes(authority.id);
    if (
      !here ||
      !ticket ||
      !authority ||
      !(await can(db, actor, 'ticket.handle', ticketResource(ticket))).allowed
    )
      throw notFound();
    const side = authority.id === ticket.desk_authority_id ? ('support' as const) : ('authority' as const);
    return { actor, authority, ticket, side, who: { ref: `person:${actor.id}`, name: actor.displayName } };
  }

  const back = (c: RouteContext, ticket: Ticket) =>
    c.redirect(supportPaths.deskTicket(c.req.param('slug') ?? '', ticket.id), 303);

  return [
    {
      method: 'GET',
      path: supportPaths.desk(':slug'),
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await deskAuthority(c);
        const t = supportMessages.translator(c.var.locale);
        const title = t('deskTitle', { authority: pick(authority.names, c.var.locale, authority.languages) });
        const faqDone = { saved: t('faqSaved'), removed: t('faqRemoved') }[c.req.query('faq') ?? ''];
        return platform.render(
          c,
          { title },
          <>
            {faqDone && <NotificationBanner kind="success">{faqDone}</NotificationBanner>}
            <h1>{title}</h1>
            <TicketList
              locale={c.var.locale}
              caption={title}
              tickets={await listTicketsHandledBy(db, authority.id)}
              href={(ticket) => supportPaths.deskTicket(authority.slug, ticket.id)}
              staff
            />
            {authority.kind === 'canton' && (
              <FaqList
                locale={c.var.locale}
                base={faqBase(authority.slug)}
                entries={await listFaqEntries(db)}
              />
            )}
            {authority.kind === 'canton' && (
              <FaqForm
                locale={c.var.locale}
                action={`${supportPaths.desk(authority.slug)}/faq`}
                services={(await listPublished(db)).map((e) => ({
                  slug: e.slug,
                  name: pick(e.content.name, c.var.locale),
                }))}
              />
            )}
          </>,
        );
      },
    },
    ...faqRoutes(platform, deskAuthority),
    {
      method: 'POST',
      path: `${supportPaths.desk(':slug')}/faq`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await deskAuthority(c);
        // The canton supports the base services: its desk keeps the questions people ask.
        if (authority.kind !== 'canton') throw notFound();
        const slugs = (await listPublished(db)).map((e) => e.slug);
        const entry = readFaqForm(await c.req.parseBody(), slugs);
        if (entry) await addFaqEntry(db, `person:${loggedInPerson(c).id}`, entry);
        return c.redirect(supportPaths.desk(authority.slug), 303);
      },
    },
    {
      method: 'GET',
      path: supportPaths.deskTicket(':slug', ':id'),
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { actor, authority, ticket, side } = await deskTicket(c);
        // Reading a logged-in person's message is reading their data: their access log says who did.
        if (ticket.requester_account_id)
          await recordAccess(db, {
            accountId: ticket.requester_account_id,
            person: { id: actor.id, name: actor.displayName },
            via: side === 'support' ? 'support' : 'staff',
            authorityId: authority.id,
            action: 'ticket.view',
            subject: { type: 'ticket', id: ticket.id, label: ticket.reference },
          });
        const handler = await getAuthorityById(db, ticket.handler_authority_id);
        const service = ticket.service_slug
          ? await getServiceEntry(db, { slug: ticket.service_slug }, 'published')
          : undefined;
        const all = await listAuthorities(db);
        return platform.render(
          c,
          { title: supportMessages.translator(c.var.locale)('ticketTitle', { reference: ticket.reference }) },
          <TicketPage
            locale={c.var.locale}
            ticket={ticket}
            replies={await listReplies(db, ticket.id, true)}
            desk={{
              handlerName: handler ? pick(handler.names, c.var.locale, handler.languages) : '',
              serviceName: service ? pick(service.content.name, c.var.locale) : null,
              authorities: all
                .filter((a) => a.id !== ticket.handler_authority_id)
                .map((a) => ({ id: a.id, name: pick(a.names, c.var.locale, a.languages) })),
              owner: service?.authorityId ?? null,
              base: supportPaths.deskTicket(authority.slug, ticket.id),
            }}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: `${supportPaths.deskTicket(':slug', ':id')}/reply`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { ticket, side, who } = await deskTicket(c);
        const body = text((await c.req.parseBody()).body, 5000);
        if (body) await replyToTicket(db, ticket, who, { side, body });
        return back(c, ticket);
      },
    },
    {
      method: 'POST',
      path: `${supportPaths.deskTicket(':slug', ':id')}/note`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { ticket, who } = await deskTicket(c);
        const body = text((await c.req.parseBody()).note, 5000);
        if (body) await replyToTicket(db, ticket, who, { side: 'note', body });
        return back(c, ticket);
      },
    },
    {
      method: 'POST',
      path: `${supportPaths.deskTicket(':slug', ':id')}/assign`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { actor, ticket, who } = await deskTicket(c);
        await assignTicket(db, ticket, who, { id: actor.id, name: actor.displayName });
        return back(c, ticket);
      },
    },
    {
      method: 'POST',
      path: `${supportPaths.deskTicket(':slug', ':id')}/hand-over`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { ticket, who } = await deskTicket(c);
        const posted = await c.req.parseBody();
        const to = await getAuthorityById(db, text(posted.authority, 40));
        if (!to) throw notFound();
        await handOverTicket(db, ticket, who, to.id, text(posted['handover-note'], 5000));
        return back(c, ticket);
      },
    },
    {
      method: 'POST',
      path: `${supportPaths.deskTicket(':slug', ':id')}/state`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { ticket, who } = await deskTicket(c);
        const state = (await c.req.parseBody()).state;
        if (state === 'open' || state === 'closed')
          await setTicketState(db, ticket, who, state as TicketState);
        return back(c, ticket);
      },
    },
  ];
}
