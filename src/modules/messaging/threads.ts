import { type Selectable, sql } from 'kysely';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import { accountAccess } from '../accounts/index.ts';
import { notify } from '../notifications/index.ts';
import type { MessagingTables } from './tables.ts';

export type Thread = Selectable<MessagingTables['message_threads']>;
export type Message = Selectable<MessagingTables['messages']>;
type Side = Message['side'];

const tables = (db: Db) => tablesOf<MessagingTables>(db);

export async function getThread(db: Db, id: string): Promise<Thread | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  return tables(db).selectFrom('message_threads').selectAll().where('id', '=', id).executeTakeFirst();
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

/** How the person reads the threads of the account in use, if at all. */
export async function readerOf(db: Db, actor: PersonActor): Promise<Reader | undefined> {
  if (await accountAccess(db, actor.id, actor.account.id)) return { accountId: actor.account.id };
  return actor.mandate ? { accountId: actor.account.id, mandateId: actor.mandate.id } : undefined;
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

export async function countUnread(db: Db, reader: Reader): Promise<number> {
  return (await listThreads(db, reader)).filter((t) => t.unread).length;
}

/** Adds a message; an authority's message tells the account's people (never its content). */
export async function postMessage(
  db: Db,
  thread: Thread,
  message: { side: Side; authorPersonId: string; authorName: string; body: string; documentId?: string },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
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
    if (message.side === 'authority')
      await notify(tx, {
        event: 'newMessage',
        accountId: thread.account_id,
        authorityId: thread.authority_id,
        link: `/messages/${thread.id}`,
        source: `message:${id}`,
        alsoTell: thread.agent_person_id ? [thread.agent_person_id] : [],
      });
  });
}

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
  const thread = await tables(db)
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
    .executeTakeFirstOrThrow();
  await postMessage(db, thread, {
    side: 'citizen',
    authorPersonId: start.authorPersonId,
    authorName: start.authorName,
    body: start.body,
  });
  return thread;
}

export async function markRead(db: Db, thread: Thread, side: Side): Promise<void> {
  await tables(db)
    .updateTable('message_threads')
    .set({ [side === 'citizen' ? 'citizen_read_at' : 'authority_read_at']: sql`now()` })
    .where('id', '=', thread.id)
    .execute();
}

export async function assignThread(db: Db, thread: Thread, personId: string): Promise<void> {
  await tables(db)
    .updateTable('message_threads')
    .set({ assignee_person_id: personId })
    .where('id', '=', thread.id)
    .execute();
}
