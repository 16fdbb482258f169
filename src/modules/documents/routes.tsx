import { randomUUID } from 'node:crypto';
import { configuredMasterKeys } from '../../platform/crypto/master-keys.ts';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import { toIsoDate } from '../../platform/i18n/swiss-date.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { Tag } from '../../platform/views/components/tag.tsx';
import { type AccessVia, recordAccess } from '../accounts/index.ts';
import {
  type Authority,
  getAuthorityById,
  getAuthorityBySlug,
  listAuthorities,
} from '../authorities/index.ts';
import { isMandateTheme } from '../mandates/index.ts';
import { can } from '../policy/index.ts';
import { documentCategories } from './categories.ts';
import { checkPublication, type PublicationProblem } from './check-publication.ts';
import { documentFile } from './document-file.ts';
import {
  completePostalFallback,
  type DocumentRow,
  destroyDocument,
  getDocumentOfAccount,
  getDocumentOfAuthority,
  isReaderVia,
  listPostalFallbacks,
  listPublishedBy,
  markDocumentRead,
  maxDocumentBytes,
  publishDocument,
  visibleDocuments,
} from './documents.ts';
import { documentMessages } from './messages.ts';
import { type BatchRowResult, publishBatch } from './publish-batch.ts';
import type { RecipientQuery } from './recipients.ts';
import { vaultOf } from './vault.ts';
import { DocumentPage, DocumentsPage, documentPath } from './views/citizen-pages.tsx';
import { BulkPage, PublishedPage, PublishPage } from './views/staff-pages.tsx';

type Translate = ReturnType<typeof documentMessages.translator>;
type Form = Record<string, string | File | (string | File)[]>;

const text = (form: Form, name: string) => {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** What an agent typed to name the recipient, as a lookup; undefined when nothing usable was given. */
function recipientQuery(form: Form): RecipientQuery | undefined {
  const by = text(form, 'recipientBy');
  if (by === 'uid' && text(form, 'uid')) return { kind: 'uid', uid: text(form, 'uid') };
  const dateOfBirth = toIsoDate(text(form, 'dateOfBirth'));
  if (by === 'name' && text(form, 'familyName') && dateOfBirth)
    return {
      kind: 'name',
      givenNames: text(form, 'givenNames'),
      familyName: text(form, 'familyName'),
      dateOfBirth,
    };
  if (by === 'avs' && text(form, 'avs')) return { kind: 'avs', avs: text(form, 'avs') };
  return undefined;
}

const translated = (t: Translate, problems: PublicationProblem[]): FieldError[] =>
  problems.map((p) => ({ field: p.field, message: t(p.problem) }));

/** One row of a batch in the results table: done, done before, or why not. */
const bulkResult = (t: Translate, row: BatchRowResult) => ({
  row: row.row,
  label: row.title,
  outcome:
    row.outcome === 'refused' ? (
      <Tag tone="danger">
        {translated(t, row.problems)
          .map((e) => e.message)
          .join(' · ')}
      </Tag>
    ) : (
      <Tag tone="success">{t(row.outcome === 'published' ? 'bulkDone' : 'bulkAlready')}</Tag>
    ),
});

/** The documents of an account, publication by authorities' staff and their API, paper fallbacks. */
export function documentRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  configuredMasterKeys(platform.config); // refuse to start without keys, not at the first upload

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
    return { actor, document, decision };
  }

  async function logAccess(
    seen: Awaited<ReturnType<typeof visibleDocument>>,
    action: 'document.view' | 'document.download' | 'document.delete',
  ) {
    const { actor, document, decision } = seen;
    if (!decision.allowed) return;
    if (action !== 'document.delete' && isReaderVia(decision.via))
      await markDocumentRead(db, document.id, { personId: actor.id, via: decision.via });
    await recordAccess(db, {
      accountId: document.account_id,
      person: { id: actor.id, name: actor.displayName },
      via: decision.via as AccessVia,
      mandateId: decision.mandateId,
      action,
      subject: { type: 'document', id: document.id, label: document.title },
    });
  }

  async function authorityNames(locale: Locale) {
    const names = new Map((await listAuthorities(db)).map((a) => [a.id, pick(a.names, locale, a.languages)]));
    return (id: string) => names.get(id) ?? '';
  }

  /** The authority in the path, if the actor may publish for it. */
  async function publishingAuthority(c: RouteContext): Promise<Authority> {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    if (!authority) throw notFound();
    const decision = await can(db, c.var.actor, 'authority.publishDocuments', {
      type: 'authority',
      authorityId: authority.id,
    });
    if (!decision.allowed) throw notFound();
    return authority;
  }

  const staffBase = (authority: Authority) => `/back-office/authorities/${authority.slug}/documents`;

  /** Checks one publication's fields; returns the problems as translated field errors. */
  async function preparePublication(t: Translate, fields: Parameters<typeof checkPublication>[1]) {
    const { problems, ...checked } = await checkPublication(db, fields);
    return { ...checked, errors: translated(t, problems) };
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
    // Staff
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/documents',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await publishingAuthority(c);
        const t = documentMessages.translator(c.var.locale);
        const published = c.req.query('published');
        // Only a document this authority published: an id from elsewhere names nothing.
        const notice = published
          ? (await getDocumentOfAuthority(db, authority.id, published))?.title
          : undefined;
        return platform.render(
          c,
          {
            title: t('publishedList', {
              authority: pick(authority.names, c.var.locale, authority.languages),
            }),
          },
          <PublishedPage
            locale={c.var.locale}
            authorityName={pick(authority.names, c.var.locale, authority.languages)}
            base={staffBase(authority)}
            notice={notice && t('published', { title: notice, account: c.req.query('account') ?? '' })}
            documents={await listPublishedBy(db, authority.id)}
            postal={await listPostalFallbacks(db, authority.id)}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/documents/new',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await publishingAuthority(c);
        return platform.render(
          c,
          { title: documentMessages.translator(c.var.locale)('publishTitle') },
          <PublishPage
            locale={c.var.locale}
            action={`${staffBase(authority)}/new`}
            values={{ recipientBy: 'avs', category: 'decision' }}
            errors={[]}
            idempotencyKey={randomUUID()}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/documents/new',
      access: 'staff',
      object: 'decided',
      maxBodyBytes: maxDocumentBytes + 64 * 1024,
      async handler(c) {
        const authority = await publishingAuthority(c);
        const actor = loggedInPerson(c);
        const form = (await c.req.parseBody()) as Form;
        const t = documentMessages.translator(c.var.locale);
        const file = form.file instanceof File && form.file.size > 0 ? form.file : undefined;
        const prepared = await preparePublication(t, {
          recipient: recipientQuery(form),
          title: text(form, 'title'),
          category: text(form, 'category'),
          file,
        });
        const idempotencyKey = /^[0-9a-f-]{36}$/.test(text(form, 'idempotencyKey'))
          ? text(form, 'idempotencyKey')
          : randomUUID();
        if (prepared.errors.length > 0 || !prepared.recipient) {
          const values = Object.fromEntries(
            Object.entries(form).filter(([, v]) => typeof v === 'string') as [string, string][],
          );
          return platform.render(
            c,
            { title: t('publishTitle'), status: 422 },
            <PublishPage
              locale={c.var.locale}
              action={`${staffBase(authority)}/new`}
              values={values}
              errors={prepared.errors}
              idempotencyKey={idempotencyKey}
            />,
          );
        }
        const theme = text(form, 'theme');
        const { document } = await publishDocument(await vaultOf(platform), {
          accountId: prepared.recipient.accountId,
          authorityId: authority.id,
          title: text(form, 'title'),
          category: text(form, 'category') as keyof typeof documentCategories,
          theme: isMandateTheme(theme) ? theme : null,
          message: text(form, 'message').slice(0, 1000) || null,
          filename: file?.name ?? 'document',
          bytes: prepared.bytes,
          idempotencyKey,
          publishedBy: `person:${actor.id}`,
        });
        const query = new URLSearchParams({ published: document.id, account: prepared.recipient.name });
        return c.redirect(`${staffBase(authority)}?${query}`, 303);
      },
    },
    {
      method: 'GET',
      path: '/back-office/authorities/:slug/documents/bulk',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await publishingAuthority(c);
        return platform.render(
          c,
          { title: documentMessages.translator(c.var.locale)('bulkTitle') },
          <BulkPage
            locale={c.var.locale}
            action={`${staffBase(authority)}/bulk`}
            idempotencyKey={randomUUID()}
            errors={[]}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/documents/bulk',
      access: 'staff',
      object: 'decided',
      maxBodyBytes: 200 * 1024 * 1024,
      async handler(c) {
        const authority = await publishingAuthority(c);
        const actor = loggedInPerson(c);
        const t = documentMessages.translator(c.var.locale);
        const form = (await c.req.parseBody({ all: true })) as Form;
        const batchKey = /^[0-9a-f-]{36}$/.test(text(form, 'idempotencyKey'))
          ? text(form, 'idempotencyKey')
          : randomUUID();
        const csvFile = form.csv instanceof File ? form.csv : undefined;
        const batch = await publishBatch(await vaultOf(platform), {
          csv: csvFile && Buffer.from(await csvFile.arrayBuffer()),
          batchKey,
          authorityId: authority.id,
          publishedBy: `person:${actor.id}`,
          files: [form.files ?? []].flat().filter((f): f is File => f instanceof File),
        });
        const errors: FieldError[] = batch.csvInvalid ? [{ field: 'csv', message: t('csvInvalid') }] : [];
        return platform.render(
          c,
          { title: t('bulkTitle'), status: errors.length > 0 ? 422 : 200 },
          <BulkPage
            locale={c.var.locale}
            action={`${staffBase(authority)}/bulk`}
            idempotencyKey={batch.csvInvalid ? batchKey : randomUUID()}
            errors={errors}
            results={batch.csvInvalid ? undefined : batch.rows.map((row) => bulkResult(t, row))}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/back-office/authorities/:slug/documents/postal/:id',
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const authority = await publishingAuthority(c);
        const done = await completePostalFallback(
          db,
          `person:${loggedInPerson(c).id}`,
          authority.id,
          c.req.param('id') ?? '',
        );
        if (!done) throw notFound();
        return c.redirect(staffBase(authority), 303);
      },
    },
    // Integration API
    {
      method: 'POST',
      path: '/api/v1/documents',
      access: 'apiClient',
      object: 'decided',
      maxBodyBytes: maxDocumentBytes + 64 * 1024,
      async handler(c) {
        const actor = c.var.actor;
        if (actor?.kind !== 'apiClient') throw new HttpError(401, 'unauthenticated');
        const decision = await can(db, actor, 'integration.publishDocuments', {
          type: 'authority',
          authorityId: actor.authorityId,
        });
        if (!decision.allowed) throw new HttpError(403, 'forbidden');
        const idempotencyKey = c.req.header('Idempotency-Key') ?? '';
        if (!/^[\w.:-]{8,100}$/.test(idempotencyKey))
          return c.json({ error: 'idempotency_key_required' }, 400);
        const form = (await c.req.parseBody()) as Form;
        const recipient = text(form, 'recipientAvs')
          ? ({ kind: 'avs', avs: text(form, 'recipientAvs') } as const)
          : text(form, 'recipientUid')
            ? ({ kind: 'uid', uid: text(form, 'recipientUid') } as const)
            : undefined;
        const file = form.file instanceof File ? form.file : undefined;
        const prepared = await preparePublication(documentMessages.translator('en'), {
          recipient,
          title: text(form, 'title'),
          category: text(form, 'category'),
          file,
        });
        if (prepared.errors.length > 0 || !prepared.recipient)
          return c.json({ error: 'invalid', problems: prepared.errors }, 422);
        const theme = text(form, 'theme');
        const { document, created } = await publishDocument(await vaultOf(platform), {
          accountId: prepared.recipient.accountId,
          authorityId: actor.authorityId,
          title: text(form, 'title'),
          category: text(form, 'category') as keyof typeof documentCategories,
          theme: isMandateTheme(theme) ? theme : null,
          message: text(form, 'message').slice(0, 1000) || null,
          requestId: null,
          filename: file?.name ?? 'document',
          bytes: prepared.bytes,
          idempotencyKey: `api:${actor.id}:${idempotencyKey}`,
          publishedBy: `api:${actor.id}`,
        });
        return c.json(
          { id: document.id, created, sha256: document.sha256, link: documentPath(document.id) },
          created ? 201 : 200,
        );
      },
    },
  ];
}

export type { DocumentRow };
