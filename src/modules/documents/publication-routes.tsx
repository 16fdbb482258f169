import { randomUUID } from 'node:crypto';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import { toIsoDate } from '../../platform/i18n/swiss-date.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import { Tag } from '../../platform/views/components/tag.tsx';
import { type Authority, getAuthorityBySlug } from '../authorities/index.ts';
import { isMandateTheme } from '../mandates/index.ts';
import { can } from '../policy/index.ts';
import type { documentCategories } from './categories.ts';
import { checkPublication, type PublicationProblem } from './check-publication.ts';
import {
  completePostalFallback,
  getDocumentOfAuthority,
  listPostalFallbacks,
  listPublishedBy,
  maxDocumentBytes,
  publishDocument,
} from './documents.ts';
import { documentMessages } from './messages.ts';
import { type BatchRowResult, publishBatch } from './publish-batch.ts';
import type { RecipientQuery } from './recipients.ts';
import { vaultOf } from './vault.ts';
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

/** Publication by authorities' staff (by hand, in bulk) and their API, and the paper fallbacks. */
export function publicationRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

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
  ];
}
