import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { infoPageTitle } from '../../platform/views/info-pages.tsx';
import { getCanton } from '../authorities/index.ts';
import { listPublished } from '../catalogue/index.ts';
import { can } from '../policy/index.ts';
import { searchFaq } from './faq.ts';
import { supportMessages } from './messages.ts';
import { supportPaths } from './paths.ts';
import {
  getTicket,
  listReplies,
  listTicketsOfPerson,
  openTicket,
  replyToTicket,
  type Ticket,
} from './tickets.ts';
import { ContactPage, type ContactValues, SentPage } from './views/contact-page.tsx';
import { HelpPage } from './views/help-page.tsx';
import { TicketList, TicketPage } from './views/ticket-views.tsx';

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Only a path of this portal is kept as the page a message came from. */
const pathOnly = (value: string) =>
  value.startsWith('/') && !value.startsWith('//') ? value.slice(0, 500) : '';

export const ticketResource = (ticket: Ticket) => ({
  type: 'ticket' as const,
  requesterPersonId: ticket.requester_person_id,
  handlerAuthorityId: ticket.handler_authority_id,
  deskAuthorityId: ticket.desk_authority_id,
});

/** Help for everyone: the questions people ask, the contact form, the person's own tickets. */
export function helpRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function services(c: RouteContext) {
    const entries = await listPublished(db);
    return entries
      .map((e) => ({ slug: e.slug, name: pick(e.content.name, c.var.locale), authorityId: e.authorityId }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  const contactPage = async (c: RouteContext, values: ContactValues, errors: FieldError[] = []) => {
    const t = supportMessages.translator(c.var.locale);
    return platform.render(
      c,
      {
        title: t(values.kind === 'feedback' ? 'feedbackTitle' : 'contactTitle'),
        ...(errors.length > 0 && { status: 422 as const }),
      },
      <ContactPage
        locale={c.var.locale}
        values={values}
        errors={errors}
        anonymous={c.var.actor?.kind !== 'person'}
        services={await services(c)}
      />,
    );
  };

  /** The person's own ticket in the path. */
  async function ownTicket(c: RouteContext) {
    const actor = loggedInPerson(c);
    const ticket = await getTicket(db, c.req.param('id') ?? '');
    if (!ticket || !(await can(db, actor, 'ticket.follow', ticketResource(ticket))).allowed) throw notFound();
    return { actor, ticket };
  }

  const ticketPage = async (c: RouteContext, ticket: Ticket) =>
    platform.render(
      c,
      { title: supportMessages.translator(c.var.locale)('ticketTitle', { reference: ticket.reference }) },
      <TicketPage locale={c.var.locale} ticket={ticket} replies={await listReplies(db, ticket.id, false)} />,
    );

  return [
    {
      method: 'GET',
      path: supportPaths.help,
      access: 'anonymous',
      async handler(c) {
        const words = text(c.req.query('q'), 200);
        const all = await services(c);
        const serviceSlug = all.some((s) => s.slug === c.req.query('service'))
          ? (c.req.query('service') ?? '')
          : '';
        const entries = await searchFaq(db, {
          words,
          locale: c.var.locale,
          ...(serviceSlug && { serviceSlug }),
        });
        const contact = new URLSearchParams({ ...(serviceSlug && { service: serviceSlug }) });
        return platform.render(
          c,
          { title: infoPageTitle('help', c.var.locale) },
          <HelpPage
            locale={c.var.locale}
            words={words}
            serviceSlug={serviceSlug}
            services={all}
            entries={entries}
            contactHref={`${supportPaths.contact}?${contact}`}
            loggedIn={c.var.actor?.kind === 'person'}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: supportPaths.contact,
      access: 'anonymous',
      handler: (c) =>
        contactPage(c, {
          kind: c.req.query('kind') === 'feedback' ? 'feedback' : 'question',
          subject: '',
          message: '',
          email: '',
          name: '',
          service: text(c.req.query('service'), 200),
          request: text(c.req.query('request'), 40),
          page: pathOnly(
            c.req.query('page') ?? c.req.header('Referer')?.replace(/^https?:\/\/[^/]+/, '') ?? '',
          ),
        }),
    },
    {
      method: 'POST',
      path: supportPaths.contact,
      access: 'anonymous',
      rateLimit: { bucket: 'support-contact', limit: 10, windowSeconds: 3600 },
      async handler(c) {
        const posted = await c.req.parseBody();
        const t = supportMessages.translator(c.var.locale);
        const actor = c.var.actor?.kind === 'person' ? c.var.actor : undefined;
        const values: ContactValues = {
          kind: posted.kind === 'feedback' ? 'feedback' : 'question',
          subject: text(posted.subject, 200),
          message: text(posted.message, 5000),
          email: text(posted.email, 200),
          name: text(posted.name, 200),
          service: text(posted.service, 200),
          request: text(posted.request, 40),
          page: pathOnly(text(posted.page, 500)),
        };
        const errors: FieldError[] = [];
        if (!actor && !values.name) errors.push({ field: 'name', message: t('nameMissing') });
        if (!actor && !emailPattern.test(values.email))
          errors.push({ field: 'email', message: t('emailMissing') });
        if (!values.subject) errors.push({ field: 'subject', message: t('subjectMissing') });
        if (!values.message) errors.push({ field: 'message', message: t('messageMissing') });
        if (errors.length > 0) return contactPage(c, values, errors);
        const canton = await getCanton(db);
        if (!canton) throw notFound();
        const known = (await services(c)).some((s) => s.slug === values.service);
        const ticket = await openTicket(db, {
          kind: values.kind,
          subject: values.subject,
          body: values.message,
          page: values.page || null,
          serviceSlug: known ? values.service : null,
          requestReference: values.request || null,
          browser: c.req.header('User-Agent')?.slice(0, 500) ?? null,
          language: c.var.locale,
          requester: actor
            ? { personId: actor.id, accountId: actor.account.id, name: actor.displayName }
            : { email: values.email, name: values.name },
          deskAuthorityId: canton.id,
        });
        return platform.render(
          c,
          { title: t('sentTitle') },
          <SentPage locale={c.var.locale} reference={ticket.reference} loggedIn={actor !== undefined} />,
        );
      },
    },
    {
      method: 'GET',
      path: supportPaths.myTickets,
      access: 'person',
      async handler(c) {
        const actor = loggedInPerson(c);
        const t = supportMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('myTickets') },
          <>
            <h1>{t('myTickets')}</h1>
            <TicketList
              locale={c.var.locale}
              caption={t('myTickets')}
              tickets={await listTicketsOfPerson(db, actor.id)}
              href={(ticket) => supportPaths.ticket(ticket.id)}
              staff={false}
            />
          </>,
        );
      },
    },
    {
      method: 'GET',
      path: supportPaths.ticket(':id'),
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { ticket } = await ownTicket(c);
        return ticketPage(c, ticket);
      },
    },
    {
      method: 'POST',
      path: supportPaths.ticket(':id'),
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { actor, ticket } = await ownTicket(c);
        const body = text((await c.req.parseBody()).body, 5000);
        if (body)
          await replyToTicket(
            db,
            ticket,
            { ref: `person:${actor.id}`, name: actor.displayName },
            { side: 'requester', body },
          );
        return c.redirect(supportPaths.ticket(ticket.id), 303);
      },
    },
  ];
}
