import { randomUUID } from 'node:crypto';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { recordAccess } from '../accounts/index.ts';
import {
  type Authority,
  getAuthorityById,
  getAuthorityBySlug,
  listAuthorities,
} from '../authorities/index.ts';
import {
  documentFile,
  getDocument,
  oneDocumentBodyBytes,
  publishAttachment,
  vaultOf,
} from '../documents/index.ts';
import { getPerson, personName } from '../identity/index.ts';
import { can } from '../policy/index.ts';
import { messagingMessages } from './messages.ts';
import {
  assignThread,
  getThread,
  listMessages,
  listThreads,
  markRead,
  postMessage,
  readerOf,
  startThread,
  type Thread,
} from './threads.ts';
import { NewThreadPage, ThreadList, ThreadPage } from './views/messaging-views.tsx';

const textOf = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** Secure messages between an account and an authority; the authority's team shares one mailbox. */
export function messagingRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** A thread of the account in use, for its own people (threads are not opened under a mandate). */
  /** The thread in the path, if the person reads it in the account in use (member, or its mandate's). */
  async function ownThread(c: RouteContext) {
    const actor = loggedInPerson(c);
    const thread = await getThread(db, c.req.param('id') ?? '');
    const reader = await readerOf(db, actor);
    if (
      !thread ||
      !reader ||
      thread.account_id !== reader.accountId ||
      (reader.mandateId !== undefined && thread.mandate_id !== reader.mandateId)
    )
      throw notFound();
    return { actor, thread, reader };
  }

  async function teamThread(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    if (
      !authority ||
      !(
        await can(db, c.var.actor, 'authority.processRequests', {
          type: 'authority',
          authorityId: authority.id,
        })
      ).allowed
    )
      throw notFound();
    const thread = c.req.param('id') ? await getThread(db, c.req.param('id') ?? '') : undefined;
    if (c.req.param('id') && thread?.authority_id !== authority.id) throw notFound(); // another authority's: absent
    return { authority, thread };
  }
  const teamBase = (authority: Authority) => `/back-office/authorities/${authority.slug}/messages`;

  async function citizenThreadPage(c: RouteContext, thread: Thread, error?: string) {
    return platform.render(
      c,
      {
        title: thread.subject,
        status: error ? 422 : 200,
        breadcrumbs: [{ label: messagingMessages.translator(c.var.locale)('inboxTitle'), href: '/messages' }],
      },
      <ThreadPage
        locale={c.var.locale}
        thread={thread}
        messages={await listMessages(db, thread.id)}
        viewerSide="citizen"
        attachmentHref={(documentId) => `/documents/${documentId}`}
        action={`/messages/${thread.id}`}
        errors={error ? [{ field: 'body', message: error }] : []}
      />,
    );
  }

  async function teamThreadPage(c: RouteContext, authority: Authority, thread: Thread, error?: string) {
    const assignee = thread.assignee_person_id ? await getPerson(db, thread.assignee_person_id) : undefined;
    return platform.render(
      c,
      { title: thread.subject, status: error ? 422 : 200 },
      <ThreadPage
        locale={c.var.locale}
        thread={thread}
        messages={await listMessages(db, thread.id)}
        viewerSide="authority"
        attachmentHref={(documentId) => `${teamBase(authority)}/${thread.id}/attachments/${documentId}`}
        action={`${teamBase(authority)}/${thread.id}`}
        errors={error ? [{ field: 'body', message: error }] : []}
        assign={{
          action: `${teamBase(authority)}/${thread.id}/assign`,
          assignee: assignee ? personName(assignee) : messagingMessages.translator(c.var.locale)('nobody'),
        }}
      />,
    );
  }

  /**
   * Puts a message's attachment into the account's document space (encrypted, retained like any
   * correspondence); the message then points at it, and its notification announces both.
   */
  /**
   * Posts the message a person sends in a thread, with its file (kept in the account's documents, a new
   * one for each message); or says what is wrong, for the page to show again.
   */
  async function reply(c: RouteContext, thread: Thread, side: 'citizen' | 'authority') {
    const actor = loggedInPerson(c);
    const posted = await c.req.parseBody();
    const body = textOf(posted.body, 5000);
    const t = messagingMessages.translator(c.var.locale);
    if (!body) return t('bodyMissing');
    const attached = await publishAttachment(platform, posted.file, {
      accountId: thread.account_id,
      authorityId: thread.authority_id,
      titlePrefix: thread.subject,
      scope: `message:${thread.id}:${randomUUID()}`,
      publishedBy: `person:${actor.id}`,
    });
    if (attached === 'refused') return t('attachmentInvalid');
    await postMessage(db, thread, {
      side,
      authorPersonId: actor.id,
      authorName: actor.displayName,
      body,
      documentId: attached.documentId,
    });
    return undefined;
  }

  const authorityNames = async (locale: Parameters<typeof pick>[1]) => {
    const all = await listAuthorities(db);
    return {
      all,
      name: (id: string) => {
        const a = all.find((x) => x.id === id);
        return a ? pick(a.names, locale, a.languages) : '';
      },
    };
  };

  return [
    {
      method: 'GET',
      path: '/messages',
      access: 'person',
      async handler(c) {
        const actor = loggedInPerson(c);
        const t = messagingMessages.translator(c.var.locale);
        const { name } = await authorityNames(c.var.locale);
        return platform.render(
          c,
          { title: t('inboxTitle') },
          <>
            <h1>{t('inboxTitle')}</h1>
            <p class="lead">{t('inboxLead')}</p>
            <p>
              <a class="button button--primary" href="/messages/new">
                {t('newThread')}
              </a>
            </p>
            <ThreadList
              locale={c.var.locale}
              rows={await readerOf(db, actor).then((reader) => (reader ? listThreads(db, reader) : []))}
              href={(th) => `/messages/${th.id}`}
              caption={t('inboxTitle')}
              who={(th) => name(th.authority_id)}
              whoLabel={t('authority')}
            />
          </>,
        );
      },
    },
    {
      method: 'GET',
      path: '/messages/new',
      access: 'person',
      async handler(c) {
        const { all } = await authorityNames(c.var.locale);
        const chosen = c.req.query('authority')
          ? await getAuthorityBySlug(db, c.req.query('authority') ?? '')
          : undefined;
        return platform.render(
          c,
          { title: messagingMessages.translator(c.var.locale)('newThread') },
          <NewThreadPage
            locale={c.var.locale}
            authorities={all.map((a) => ({ id: a.id, name: pick(a.names, c.var.locale, a.languages) }))}
            values={{ authority: chosen?.id ?? '' }}
            errors={[]}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/messages',
      access: 'person',
      async handler(c) {
        const actor = loggedInPerson(c);
        const reader = await readerOf(db, actor);
        if (!reader) throw notFound();
        const form = await c.req.parseBody();
        const authority = await getAuthorityById(db, textOf(form.authority, 40));
        const subject = textOf(form.subject, 200);
        const body = textOf(form.body, 5000);
        const t = messagingMessages.translator(c.var.locale);
        if (!authority || !subject || !body) {
          const { all } = await authorityNames(c.var.locale);
          return platform.render(
            c,
            { title: t('newThread'), status: 422 },
            <NewThreadPage
              locale={c.var.locale}
              authorities={all.map((a) => ({ id: a.id, name: pick(a.names, c.var.locale, a.languages) }))}
              values={{ authority: authority?.id ?? '', subject }}
              errors={[
                ...(!subject ? [{ field: 'subject', message: t('subjectMissing') }] : []),
                ...(!body ? [{ field: 'body', message: t('bodyMissing') }] : []),
              ]}
            />,
          );
        }
        const thread = await startThread(db, {
          authorityId: authority.id,
          accountId: actor.account.id,
          subject,
          authorPersonId: actor.id,
          authorName: actor.displayName,
          body,
          mandateId: reader.mandateId,
        });
        return c.redirect(`/messages/${thread.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/messages/:id',
      access: 'person',
      async handler(c) {
        const { actor, thread, reader } = await ownThread(c);
        const page = await citizenThreadPage(c, thread);
        await markRead(db, thread, 'citizen');
        // The holder sees in the access log what their representatives read.
        if (reader.mandateId)
          await recordAccess(db, {
            accountId: thread.account_id,
            person: { id: actor.id, name: actor.displayName },
            via: 'mandate',
            mandateId: reader.mandateId,
            action: 'message.view',
            subject: { type: 'thread', id: thread.id, label: thread.subject },
          });
        return page;
      },
    },
    {
      method: 'POST',
      path: '/messages/:id',
      access: 'person',
      maxBodyBytes: oneDocumentBodyBytes,
      async handler(c) {
        const { thread } = await ownThread(c);
        const refused = await reply(c, thread, 'citizen');
        if (refused) return citizenThreadPage(c, thread, refused);
        return c.redirect(`/messages/${thread.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/messages',
      access: 'staff',
      async handler(c) {
        const { authority } = await teamThread(c);
        const t = messagingMessages.translator(c.var.locale);
        const filter = c.req.query('assignee');
        const rows = await listThreads(db, {
          authorityId: authority.id,
          assignee: filter === 'me' ? loggedInPerson(c).id : filter === 'none' ? 'none' : undefined,
        });
        const base = teamBase(authority);
        const title = t('mailboxTitle', {
          authority: pick(authority.names, c.var.locale, authority.languages),
        });
        return platform.render(
          c,
          { title },
          <>
            <h1>{title}</h1>
            <p class="button-group">
              <a href={base}>{t('filterAll')}</a>
              <a href={`${base}?assignee=me`}>{t('filterMine')}</a>
              <a href={`${base}?assignee=none`}>{t('filterNone')}</a>
            </p>
            <ThreadList
              locale={c.var.locale}
              rows={rows}
              href={(th) => `${base}/${th.id}`}
              caption={title}
              who={(th) => (th.assignee_person_id ? '✓' : t('nobody'))}
              whoLabel={t('assignee')}
            />
          </>,
        );
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/messages/:id',
      access: 'staff',
      async handler(c) {
        const { authority, thread } = await teamThread(c);
        if (!thread) throw notFound();
        const page = await teamThreadPage(c, authority, thread);
        await markRead(db, thread, 'authority');
        return page;
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/messages/:id',
      access: 'staff',
      maxBodyBytes: oneDocumentBodyBytes,
      async handler(c) {
        const { authority, thread } = await teamThread(c);
        if (!thread) throw notFound();
        const refused = await reply(c, thread, 'authority');
        if (refused) return teamThreadPage(c, authority, thread, refused);
        return c.redirect(`${teamBase(authority)}/${thread.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/messages/:id/attachments/:documentId',
      access: 'staff',
      async handler(c) {
        const { thread } = await teamThread(c);
        const documentId = c.req.param('documentId') ?? '';
        // Only a document attached to a message of this thread, so that the team reads nothing else.
        const attachedHere =
          thread && (await listMessages(db, thread.id)).some((m) => m.document_id === documentId);
        const document = attachedHere ? await getDocument(db, documentId) : undefined;
        if (!thread || !document) throw notFound();
        const actor = loggedInPerson(c);
        await recordAccess(db, {
          accountId: thread.account_id,
          person: { id: actor.id, name: actor.displayName },
          via: 'staff',
          action: 'document.download',
          subject: { type: 'document', id: document.id, label: document.title },
        });
        return documentFile(c, await vaultOf(platform), document);
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/messages/:id/assign',
      access: 'staff',
      async handler(c) {
        const { authority, thread } = await teamThread(c);
        if (!thread) throw notFound();
        await assignThread(db, thread, loggedInPerson(c).id);
        return c.redirect(`${teamBase(authority)}/${thread.id}`, 303);
      },
    },
  ];
}
