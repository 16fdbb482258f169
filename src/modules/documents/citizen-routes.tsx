import { atLeast, strongerLevel } from '../../platform/http/assurance-level.ts';
import { HttpError, notFound, StepUpRequired } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { type AccessVia, recordAccess } from '../accounts/index.ts';
import { getAuthorityById, listAuthorities } from '../authorities/index.ts';
import { requiredLevelOfRequest } from '../cases/index.ts';
import { can } from '../policy/index.ts';
import { documentCategories } from './categories.ts';
import { documentFile } from './document-file.ts';
import {
  destroyDocument,
  getDocumentOfAccount,
  isReaderVia,
  markDocumentRead,
  visibleDocuments,
} from './documents.ts';
import { documentMessages } from './messages.ts';
import { vaultOf } from './vault.ts';
import { DocumentPage, DocumentsPage } from './views/citizen-pages.tsx';

/** The documents of an account as its holder, members and representatives see them. */
export function citizenDocumentRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /** The document, if the actor may see it in the account in use; anything else is answered as absent. */
  async function visibleDocument(c: RouteContext) {
    const actor = loggedInPerson(c);
    const document = await getDocumentOfAccount(db, actor.account.id, c.req.param('id') ?? '');
    if (!document) throw notFound();
    const decision = await can(db, actor, 'account.consult', {
      type: 'account',
      accountId: document.account_id,
      theme: document.theme ?? undefined,
    });
    if (!decision.allowed) throw notFound();
    // Its own level (a receipt's), and what was published for a request asks that request's.
    const level = document.request_id
      ? strongerLevel(document.level, await requiredLevelOfRequest(db, document.request_id))
      : document.level;
    if (!atLeast(actor.level, level)) throw new StepUpRequired(level);
    return { actor, document, decision };
  }

  async function logAccess(
    seen: Awaited<ReturnType<typeof visibleDocument>>,
    action: 'document.view' | 'document.download' | 'document.delete',
  ) {
    const { actor, document, decision } = seen;
    if (!decision.allowed) return;
    // Two independent writes, both done before the answer: side by side rather than one after the other.
    await Promise.all([
      action !== 'document.delete' && isReaderVia(decision.via)
        ? markDocumentRead(db, document.id, { personId: actor.id, via: decision.via })
        : undefined,
      recordAccess(db, {
        accountId: document.account_id,
        person: { id: actor.id, name: actor.displayName },
        via: decision.via as AccessVia,
        mandateId: decision.mandateId,
        action,
        subject: { type: 'document', id: document.id, label: document.title },
      }),
    ]);
  }

  async function authorityNames(locale: Locale) {
    const names = new Map((await listAuthorities(db)).map((a) => [a.id, pick(a.names, locale, a.languages)]));
    return (id: string) => names.get(id) ?? '';
  }

  return [
    {
      method: 'GET',
      path: '/documents',
      access: 'person',
      async handler(c) {
        const actor = loggedInPerson(c);
        const manage = await can(db, actor, 'account.manage', {
          type: 'account',
          accountId: actor.account.id,
        });
        return platform.render(
          c,
          { title: documentMessages.translator(c.var.locale)('documentsTitle') },
          <DocumentsPage
            locale={c.var.locale}
            accountName={actor.account.name}
            underMandate={Boolean(actor.mandate)}
            documents={await visibleDocuments(db, actor)}
            authorityName={await authorityNames(c.var.locale)}
            showAccessLog={manage.allowed}
            viewer={{ personId: actor.id, underMandate: Boolean(actor.mandate) }}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/documents/:id',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const seen = await visibleDocument(c);
        await logAccess(seen, 'document.view');
        const authority = await getAuthorityById(db, seen.document.authority_id);
        const manage = await can(db, seen.actor, 'account.manage', {
          type: 'account',
          accountId: seen.document.account_id,
        });
        return platform.render(
          c,
          {
            title: seen.document.title,
            breadcrumbs: [
              { label: documentMessages.translator(c.var.locale)('documentsTitle'), href: '/documents' },
            ],
          },
          <DocumentPage
            locale={c.var.locale}
            document={seen.document}
            authorityName={authority ? pick(authority.names, c.var.locale, authority.languages) : ''}
            mayDelete={manage.allowed}
            viewer={{ personId: seen.actor.id, underMandate: Boolean(seen.actor.mandate) }}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/documents/:id/file',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const seen = await visibleDocument(c);
        const response = await documentFile(c, await vaultOf(platform), seen.document);
        await logAccess(seen, 'document.download');
        return response;
      },
    },
    {
      method: 'POST',
      path: '/documents/:id/delete',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const seen = await visibleDocument(c);
        const manage = await can(db, seen.actor, 'account.manage', {
          type: 'account',
          accountId: seen.document.account_id,
        });
        if (!manage.allowed) throw notFound();
        if (!documentCategories[seen.document.category].ownerMayDelete) throw new HttpError(409, 'retention');
        await logAccess(seen, 'document.delete');
        await destroyDocument(await vaultOf(platform), `person:${seen.actor.id}`, seen.document, 'owner');
        return c.redirect('/documents', 303);
      },
    },
  ];
}
