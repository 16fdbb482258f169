import { randomUUID } from 'node:crypto';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { documentKinds, readUploads, refusalMessage } from '../../platform/uploads/index.ts';
import { recordAccess } from '../accounts/index.ts';
import {
  type Authority,
  getAuthorityById,
  getAuthorityBySlug,
  listAuthorities,
} from '../authorities/index.ts';
import {
  documentFile,
  getDocumentOfAccount,
  maxDocumentBytes,
  oneDocumentBodyBytes,
  publishAttachment,
  vaultOf,
} from '../documents/index.ts';
import { getPerson, personName } from '../identity/index.ts';
import { can } from '../policy/index.ts';
import { messagingMessages } from './messages.ts';
import { readerOf, threadResource } from './reader.ts';
import {
  assignThread,
  getThreadOfAccount,
  getThreadOfAuthority,
  listMessages,
  listThreads,
  markRead,
  postMessage,
  startThread,
  type Thread,
} from './threads.ts';
import { NewThreadPage, ThreadList, ThreadPage } from './views/messaging-views.tsx';

/** Why a reply was not sent, on which field, with what the person wrote. */
type Refused = { field: 'body' | 'file'; message: string; body?: string };

const textOf = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** Secure messages between an account and an authority; the authority's team shares one mailbox. */
export function messagingRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The thread in the path, if the policy lets the person read or write in it in the account in use. */
  async function ownThread(c: RouteContext, action: 'thread.read' | 'thread.write') {
    const actor = loggedInPerson(c);
    const thread = await getThreadOfAccount(db, actor.account.id, c.req.param('id') ?? '');
    const decision = thread && (await can(db, actor, action, threadResource(thread)));
    if (!thread || !decision?.allowed) throw notFound();
    return { actor, thread, decision };
  }

  /** The authority in the path, if the person handles its correspondence. */
  async function teamAuthority(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const resource = authority && { type: 'authority' as const, authorityId: authority.id };
    if (!resource || !(await can(db, c.var.actor, 'authority.processRequests', resource)).allowed)
      throw notFound();
    return authority;
  }

  /** The authority's thread in the path, if the policy lets the person handle (or assign) it. */
  async function teamThread(c: RouteContext, action: 'thread.handle' | 'thread.assign') {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const thread = authority && (await getThreadOfAuthority(db, authority.id, c.req.param('id') ?? ''));
    if (!authority || !thread || !(await can(db, c.var.actor, action, threadResource(thread))).allowed)
      throw notFound(); // another authority's thread is absent, not forbidden
    return { authority, thread };
  }

  /** What the team reads of an account's correspondence goes into that account's access log. */
  async function recordStaffRead(
    c: RouteContext,
    thread: Thread,
    what: { action: string; subject: { type: string; id: string; label: string } },
  ) {
    const actor = loggedInPerson(c);
    const person = { id: actor.id, name: actor.displayName };
    await recordAccess(db, {
      accountId: thread.account_id,
      person,
      via: 'staff',
      authorityId: thread.authority_id,
      ...what,
    });
  }

  const teamBase = (authority: Authority) => `/back-office/authorities/${authority.slug}/messages`;

  async function citizenThreadPage(c: RouteContext, thread: Thread, refused?: Refused) {
    return platform.render(
      c,
      {
        title: thread.subject,
        status: refused ? 422 : 200,
        breadcrumbs: [{ label: messagingMessages.translator(c.var.locale)('inboxTitle'), href: '/messages' }],
      },
      <ThreadPage
        locale={c.var.locale}
        thread={thread}
        messages={await listMessages(db, thread.id)}
        viewerSide="citizen"
        attachmentHref={(documentId) => `/documents/${documentId}`}
        action={`/messages/${thread.id}`}
        errors={refused ? [refused] : []}
        body={refused?.body}
      />,
    );
  }

  async function teamThreadPage(c: RouteContext, authority: Authority, thread: Thread, refused?: Refused) {
    const assignee = thread.assignee_person_id ? await getPerson(db, thread.assignee_person_id) : undefined;
    return platform.render(
      c,
      { title: thread.subject, status: refused ? 422 : 200 },
      <ThreadPage
        locale={c.var.locale}
        thread={thread}
        messages={await listMessages(db, thread.id)}
        viewerSide="authority"
        attachmentHref={(documentId) => `${teamBase(authority)}/${thread.id}/attachments/${documentId}`}
        action={`${teamBase(authority)}/${thread.id}`}
        errors={refused ? [refused] : []}
        body={refused?.body}
        assign={{
          action: `${teamBase(authority)}/${thread.id}/assign`,
          assignee: assignee ? personName(assignee) : messagingMessages.translator(c.var.locale)('nobody'),
        }}
      />,
    );
  }

  /**
   * Posts the message a person sends in a thread, with its file (kept in the account's documents, a new
   * one for each message); or says what is wrong, for the page to show again.
   */
  async function reply(
    c: RouteContext,
    thread: Thread,
    side: 'citizen' | 'authority',
  ): Promise<Refused | undefined> {
    const actor = loggedInPerson(c);
    const read = await readUploads(c, { maxBytes: maxDocumentBytes, maxFiles: 1, accepted: documentKinds });
    const body = textOf(read.fields.body, 5000);
    if ('refused' in read)
      return { field: 'file', message: refusalMessage(read.refused, c.var.locale), body };
    const t = messagingMessages.translator(c.var.locale);
    if (!body) return { field: 'body', message: t('bodyMissing') };
    const attached = await publishAttachment(platform, read.files[0], {
      accountId: thread.account_id,
      authorityId: thread.authority_id,
      titlePrefix: thread.subject,
      scope: `message:${thread.id}:${randomUUID()}`,
      publishedBy: `person:${actor.id}`,
      from: side === 'authority' ? 'authority' : actor,
    });
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
      object: 'decided',
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
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        const form = await c.req.parseBody();
        const authority = await getAuthorityById(db, textOf(form.authority, 40));
        // The thread about to be started: the account's, under the mandate the person acts with, if any.
        const decision = await can(db, actor, 'thread.write', {
          type: 'thread',
          accountId: actor.account.id,
          authorityId: authority?.id ?? '',
          mandateId: actor.mandate?.id ?? null,
        });
        if (!decision.allowed) throw notFound();
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
          mandateId: decision.via === 'mandate' ? decision.mandateId : undefined,
        });
        return c.redirect(`/messages/${thread.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/messages/:id',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { actor, thread, decision } = await ownThread(c, 'thread.read');
        const page = await citizenThreadPage(c, thread);
        await markRead(db, thread, 'citizen');
        // The holder sees in the access log what their representatives read.
        if (decision.allowed && decision.via === 'mandate')
          await recordAccess(db, {
            accountId: thread.account_id,
            person: { id: actor.id, name: actor.displayName },
            via: 'mandate',
            mandateId: decision.mandateId,
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
      object: 'decided',
      maxBodyBytes: oneDocumentBodyBytes,
      uploads: true,
      async handler(c) {
        const { thread } = await ownThread(c, 'thread.write');
        const refused = await reply(c, thread, 'citizen');
        if (refused) return citizenThreadPage(c, thread, refused);
        return c.redirect(`/messages/${thread.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/messages',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await teamAuthority(c);
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
      object: 'decided',
      async handler(c) {
        const { authority, thread } = await teamThread(c, 'thread.handle');
        const page = await teamThreadPage(c, authority, thread);
        await markRead(db, thread, 'authority');
        await recordStaffRead(c, thread, {
          action: 'message.view',
          subject: { type: 'thread', id: thread.id, label: thread.subject },
        });
        return page;
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/messages/:id',
      access: 'staff',
      object: 'decided',
      maxBodyBytes: oneDocumentBodyBytes,
      uploads: true,
      async handler(c) {
        const { authority, thread } = await teamThread(c, 'thread.handle');
        const refused = await reply(c, thread, 'authority');
        if (refused) return teamThreadPage(c, authority, thread, refused);
        return c.redirect(`${teamBase(authority)}/${thread.id}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/messages/:id/attachments/:documentId',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { thread } = await teamThread(c, 'thread.handle');
        const documentId = c.req.param('documentId') ?? '';
        // Only a document attached to a message of this thread, so that the team reads nothing else.
        const attachedHere = (await listMessages(db, thread.id)).some((m) => m.document_id === documentId);
        const document = attachedHere
          ? await getDocumentOfAccount(db, thread.account_id, documentId)
          : undefined;
        if (!document) throw notFound();
        await recordStaffRead(c, thread, {
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
      object: 'decided',
      async handler(c) {
        const { authority, thread } = await teamThread(c, 'thread.assign');
        const me = loggedInPerson(c).id;
        await assignThread(db, thread, me, me);
        return c.redirect(`${teamBase(authority)}/${thread.id}`, 303);
      },
    },
  ];
}
