import { type Expression, type RawBuilder, type Selectable, sql } from 'kysely';
import { audited, auditedTx } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { emitEvent } from '../../platform/events/emit-event.ts';
import { notify } from '../notifications/index.ts';
import type { MessagingTables } from './tables.ts';

export type Thread = Selectable<MessagingTables['message_threads']>;
export type Message = Selectable<MessagingTables['messages']>;
type Side = Message['side'];

const tables = (db: Db) => tablesOf<MessagingTables>(db);

/** A thread of the account; another account's is absent. */
export async function getThreadOfAccount(db: Db, accountId: string, id: string): Promise<Thread | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db)
    .selectFrom('message_threads')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** A thread written to the authority; another authority's is absent. */
export async function getThreadOfAuthority(
  db: Db,
  authorityId: string,
  id: string,
): Promise<Thread | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db)
    .selectFrom('message_threads')
    .selectAll()
    .where('id', '=', id)
    .where('authority_id', '=', authorityId)
    .executeTakeFirst();
}

export async function listMessages(db: Db, threadId: string): Promise<Message[]> {
  return tables(db)
    .selectFrom('messages')
    .selectAll()
    .where('thread_id', '=', threadId)
    .orderBy('created_at')
    .execute();
}

/**
 * Who reads an account's threads: its people (all of them), or a representative under a mandate (the
 * threads started under that mandate).
 */
export interface Reader {
  accountId: string;
  mandateId?: string;
}

/** Threads with whether the given side has unread messages in them, latest activity first. */
export async function listThreads(
  db: Db,
  by: Reader | { authorityId: string; assignee?: string | 'none' },
): Promise<(Thread & { unread: boolean })[]> {
  const side: Side = 'accountId' in by ? 'citizen' : 'authority';
  const other: Side = side === 'citizen' ? 'authority' : 'citizen';
  const readColumn = side === 'citizen' ? 'citizen_read_at' : 'authority_read_at';
  let query = tables(db)
    .selectFrom('message_threads as t')
    .selectAll('t')
    .select(
      sql<boolean>`exists (select 1 from messages m where m.thread_id = t.id and m.side = ${other}
        and (t.${sql.ref(readColumn)} is null or m.created_at > t.${sql.ref(readColumn)}))`.as('unread'),
    );
  if ('accountId' in by) {
    query = query.where('t.account_id', '=', by.accountId);
    if (by.mandateId) query = query.where('t.mandate_id', '=', by.mandateId);
  } else {
    query = query.where('t.authority_id', '=', by.authorityId);
    if (by.assignee === 'none') query = query.where('t.assignee_person_id', 'is', null);
    else if (by.assignee) query = query.where('t.assignee_person_id', '=', by.assignee);
  }
  return query.orderBy('t.updated_at', 'desc').limit(200).execute();
}

/**
 * How many of the account's threads (of the 200 latest, as `countUnread` lists them) have a message from
 * an authority the account's people have not read, as one SQL expression "my space" reads with the others.
 */
export function unreadThreadsSummary(accountId: string | Expression<string>): RawBuilder<number> {
  return sql<number>`select count(*)::int from (select t.id, t.citizen_read_at from message_threads t
      where t.account_id = ${accountId} order by t.updated_at desc limit 200) t
    where exists (select 1 from messages m where m.thread_id = t.id and m.side = 'authority'
      and (t.citizen_read_at is null or m.created_at > t.citizen_read_at))`;
}

export async function countUnread(db: Db, reader: Reader): Promise<number> {
  return (await listThreads(db, reader)).filter((t) => t.unread).length;
}

type NewMessage = {
  side: Side;
  authorPersonId: string;
  authorName: string;
  body: string;
  documentId?: string;
};

function messageEvent(thread: Thread, message: NewMessage) {
  return {
    actor: `person:${message.authorPersonId}`,
    // A representative writes for the account: the trail names it.
    onBehalfOf: message.side === 'citizen' && thread.mandate_id ? `account:${thread.account_id}` : undefined,
    action: 'message.post',
    subjectType: 'thread',
    subjectId: thread.id,
    authorityId: thread.authority_id,
    details: { side: message.side, document: message.documentId ?? null },
  };
}

/** Adds a message, audited; an authority's message tells the account's people (never its content). */
export async function postMessage(db: Db, thread: Thread, message: NewMessage): Promise<void> {
  await audited(db, messageEvent(thread, message), (tx) => appendMessage(tx, thread, message));
}

async function appendMessage(tx: Db, thread: Thread, message: NewMessage): Promise<void> {
  const { id } = await tables(tx)
    .insertInto('messages')
    .values({
      thread_id: thread.id,
      side: message.side,
      author_person_id: message.authorPersonId,
      author_name: message.authorName,
      body: message.body,
      document_id: message.documentId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tables(tx)
    .updateTable('message_threads')
    .set({
      updated_at: sql`now()`,
      [message.side === 'citizen' ? 'citizen_read_at' : 'authority_read_at']: sql`now()`,
    })
    .where('id', '=', thread.id)
    .execute();
  if (message.side === 'citizen')
    await emitEvent(tx, {
      type: 'message.received',
      authorityId: thread.authority_id,
      subject: `thread:${thread.id}`,
      data: { message: { id, threadId: thread.id } },
    });
  if (message.side === 'authority')
    await notify(tx, {
      event: 'newMessage',
      accountId: thread.account_id,
      authorityId: thread.authority_id,
      link: `/messages/${thread.id}`,
      source: `message:${id}`,
      alsoTell: thread.agent_person_id ? [thread.agent_person_id] : [],
    });
}

/** Opens a thread with its first message, both audited, in one transaction. */
export async function startThread(
  db: Db,
  start: {
    authorityId: string;
    accountId: string;
    subject: string;
    authorPersonId: string;
    authorName: string;
    body: string;
    /** A representative writing for the account. */
    mandateId?: string;
  },
): Promise<Thread> {
  return db.transaction().execute(async (tx) => {
    const thread = await auditedTx(
      tx,
      (created: Thread) => ({
        actor: `person:${start.authorPersonId}`,
        onBehalfOf: start.mandateId ? `account:${start.accountId}` : undefined,
        action: 'thread.start',
        subjectType: 'thread',
        subjectId: created.id,
        authorityId: start.authorityId,
      }),
      (t) =>
        tables(t)
          .insertInto('message_threads')
          .values({
            authority_id: start.authorityId,
            account_id: start.accountId,
            subject: start.subject,
            assignee_person_id: null,
            citizen_read_at: null,
            authority_read_at: null,
            mandate_id: start.mandateId ?? null,
            agent_person_id: start.mandateId ? start.authorPersonId : null,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
    );
    const first: NewMessage = {
      side: 'citizen',
      authorPersonId: start.authorPersonId,
      authorName: start.authorName,
      body: start.body,
    };
    await auditedTx(tx, messageEvent(thread, first), (t) => appendMessage(t, thread, first));
    return thread;
  });
}

export async function markRead(db: Db, thread: Thread, side: Side): Promise<void> {
  await tables(db)
    .updateTable('message_threads')
    .set({ [side === 'citizen' ? 'citizen_read_at' : 'authority_read_at']: sql`now()` })
    .where('id', '=', thread.id)
    .execute();
}

/** Gives the thread to a member of the authority's team, audited. */
export async function assignThread(db: Db, thread: Thread, personId: string, by: string): Promise<void> {
  await audited(
    db,
    {
      actor: `person:${by}`,
      action: 'thread.assign',
      subjectType: 'thread',
      subjectId: thread.id,
      authorityId: thread.authority_id,
      details: { assignee: personId },
    },
    (tx) =>
      tables(tx)
        .updateTable('message_threads')
        .set({ assignee_person_id: personId })
        .where('id', '=', thread.id)
        .execute(),
  );
}
