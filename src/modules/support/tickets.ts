import { randomInt } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { notify } from '../notifications/index.ts';
import type { SupportTables, TicketSide, TicketState } from './tables.ts';

export type Ticket = Selectable<SupportTables['support_tickets']>;
export type Reply = { id: string; side: TicketSide; author_name: string; body: string; created_at: Date };

const tables = (db: Db) => tablesOf<SupportTables>(db);
const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A reference people can read out on the phone: no 0/O or 1/I to mix up. */
const newReference = () =>
  `SUP-${Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;

export interface NewTicket {
  kind: 'question' | 'feedback';
  subject: string;
  body: string;
  page: string | null;
  serviceSlug: string | null;
  requestReference: string | null;
  browser: string | null;
  language: 'fr' | 'de' | 'en';
  requester: { personId: string; accountId: string; name: string } | { email: string; name: string };
  /** The support desk: the canton's, which supports the base services. */
  deskAuthorityId: string;
}

/** Opens a ticket with the person's message and where they were when they wrote it. */
export async function openTicket(db: Db, input: NewTicket): Promise<Ticket> {
  const requester = input.requester;
  const actor = 'personId' in requester ? `person:${requester.personId}` : 'anonymous';
  return audited(
    db,
    (ticket: Ticket) => ({ actor, action: 'support.open', subjectType: 'ticket', subjectId: ticket.id }),
    async (tx) => {
      const ticket = await tables(tx)
        .insertInto('support_tickets')
        .values({
          reference: newReference(),
          kind: input.kind,
          subject: input.subject,
          page: input.page,
          service_slug: input.serviceSlug,
          request_reference: input.requestReference,
          browser: input.browser,
          language: input.language,
          requester_person_id: 'personId' in requester ? requester.personId : null,
          requester_account_id: 'personId' in requester ? requester.accountId : null,
          requester_email: 'email' in requester ? requester.email : null,
          requester_name: requester.name,
          handler_authority_id: input.deskAuthorityId,
          desk_authority_id: input.deskAuthorityId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await tables(tx)
        .insertInto('support_replies')
        .values({ ticket_id: ticket.id, side: 'requester', author_name: requester.name, body: input.body })
        .execute();
      return ticket;
    },
  );
}

export async function getTicket(db: Db, id: string): Promise<Ticket | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db).selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The tickets an authority handles (the desk's, or those handed over to it), open ones first. */
export async function listTicketsHandledBy(
  db: Db,
  authorityId: string,
  state?: TicketState,
): Promise<Ticket[]> {
  let query = tables(db)
    .selectFrom('support_tickets')
    .selectAll()
    .where('handler_authority_id', '=', authorityId);
  if (state) query = query.where('state', '=', state);
  return query.orderBy(sql`state = 'closed'`).orderBy('updated_at', 'desc').limit(200).execute();
}

/** The tickets the person opened while logged in. */
export async function listTicketsOfPerson(db: Db, personId: string): Promise<Ticket[]> {
  return tables(db)
    .selectFrom('support_tickets')
    .selectAll()
    .where('requester_person_id', '=', personId)
    .orderBy('updated_at', 'desc')
    .execute();
}

/** The conversation; the staff's internal notes only for the staff. */
export async function listReplies(db: Db, ticketId: string, withNotes: boolean): Promise<Reply[]> {
  let query = tables(db)
    .selectFrom('support_replies')
    .select(['id', 'side', 'author_name', 'body', 'created_at'])
    .where('ticket_id', '=', ticketId);
  if (!withNotes) query = query.where('side', '!=', 'note');
  return query.orderBy('created_at').orderBy('id').execute();
}

type Actor = { ref: string; name: string };

/**
 * Adds to the conversation. An answer of the support desk or the authority reaches the requester:
 * in the portal with a notification (secure messaging) when they were logged in, else by e-mail.
 */
export async function replyToTicket(
  db: Db,
  ticket: Ticket,
  actor: Actor,
  reply: { side: TicketSide; body: string },
): Promise<void> {
  const next: TicketState =
    reply.side === 'requester'
      ? 'open'
      : reply.side === 'note'
        ? ticket.state === 'new'
          ? 'open'
          : ticket.state
        : 'waitingRequester';
  await audited(
    db,
    { actor: actor.ref, action: `support.${reply.side}`, subjectType: 'ticket', subjectId: ticket.id },
    async (tx) => {
      const added = await tables(tx)
        .insertInto('support_replies')
        .values({ ticket_id: ticket.id, side: reply.side, author_name: actor.name, body: reply.body })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tables(tx)
        .updateTable('support_tickets')
        .set({ state: next, updated_at: sql`now()` })
        .where('id', '=', ticket.id)
        .execute();
      if (reply.side !== 'support' && reply.side !== 'authority') return;
      if (ticket.requester_account_id && ticket.requester_person_id)
        await notify(tx, {
          event: 'newMessage',
          accountId: ticket.requester_account_id,
          authorityId: ticket.handler_authority_id,
          link: `/help/tickets/${ticket.id}`,
          source: `support-reply:${added.id}`,
          reference: ticket.reference,
          people: [ticket.requester_person_id],
        });
      else await enqueue(tx, 'support:mail-reply', { replyId: added.id });
    },
  );
}

/** Takes the ticket (or gives it to a colleague): they answer for it now. */
export async function assignTicket(db: Db, ticket: Ticket, actor: Actor, to: { id: string; name: string }) {
  await audited(
    db,
    {
      actor: actor.ref,
      action: 'support.assign',
      subjectType: 'ticket',
      subjectId: ticket.id,
      details: { to: to.id },
    },
    (tx) =>
      tables(tx)
        .updateTable('support_tickets')
        .set({
          assignee_person_id: to.id,
          assignee_name: to.name,
          state: ticket.state === 'new' ? 'open' : ticket.state,
          updated_at: sql`now()`,
        })
        .where('id', '=', ticket.id)
        .execute(),
  );
}

export async function setTicketState(db: Db, ticket: Ticket, actor: Actor, state: TicketState) {
  await audited(
    db,
    {
      actor: actor.ref,
      action: 'support.state',
      subjectType: 'ticket',
      subjectId: ticket.id,
      details: { state },
    },
    (tx) =>
      tables(tx)
        .updateTable('support_tickets')
        .set({ state, updated_at: sql`now()` })
        .where('id', '=', ticket.id)
        .execute(),
  );
}

/**
 * Hands the ticket over to another authority (the one owning the service it is about), or back to the
 * desk, with a note for whoever takes it; it waits unassigned in that authority's list.
 */
export async function handOverTicket(
  db: Db,
  ticket: Ticket,
  actor: Actor,
  toAuthorityId: string,
  note: string,
) {
  await audited(
    db,
    {
      actor: actor.ref,
      action: 'support.handOver',
      subjectType: 'ticket',
      subjectId: ticket.id,
      authorityId: toAuthorityId,
      details: { from: ticket.handler_authority_id },
    },
    async (tx) => {
      await tables(tx)
        .updateTable('support_tickets')
        .set({
          handler_authority_id: toAuthorityId,
          assignee_person_id: null,
          assignee_name: null,
          state: 'open',
          updated_at: sql`now()`,
        })
        .where('id', '=', ticket.id)
        .execute();
      if (note)
        await tables(tx)
          .insertInto('support_replies')
          .values({ ticket_id: ticket.id, side: 'note', author_name: actor.name, body: note })
          .execute();
    },
  );
}

/** The reply and its ticket, for the job that mails it to a requester who was not logged in. */
export async function replyForMail(db: Db, replyId: string) {
  return tables(db)
    .selectFrom('support_replies')
    .innerJoin('support_tickets', 'support_tickets.id', 'support_replies.ticket_id')
    .select([
      'support_replies.body',
      'support_replies.author_name as authorName',
      'support_tickets.reference',
      'support_tickets.subject',
      'support_tickets.requester_email as email',
      'support_tickets.language',
    ])
    .where('support_replies.id', '=', replyId)
    .executeTakeFirst();
}
