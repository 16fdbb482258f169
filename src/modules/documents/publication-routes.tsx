import { randomUUID } from 'node:crypto';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import { toIsoDate } from '../../platform/i18n/swiss-date.ts';
import type { Platform } from '../../platform/module.ts';
import {
  documentKinds,
  type Fields,
  readUploads,
  refusalMessage,
  type UploadRefusal,
} from '../../platform/uploads/index.ts';
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
import { type BatchRowResult, maxBatchRows, publishBatch } from './publish-batch.ts';
import type { RecipientQuery } from './recipients.ts';
import { vaultOf } from './vault.ts';
import { BulkPage, PublishedPage, PublishPage } from './views/staff-pages.tsx';

type Translate = ReturnType<typeof documentMessages.translator>;
type Form = Fields;

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

  /**
   * A batch's CSV and documents through the one upload path: the CSV must be text in its own field,
   * the documents PDF or images in theirs.
   */
  async function readBatch(c: RouteContext) {
    const read = await readUploads(c, {
      maxBytes: maxDocumentBytes,
      maxFiles: maxBatchRows + 1,
      accepted: ['csv', ...documentKinds],
    });
    if ('refused' in read) return read;
    const misplaced = read.files.find((f) => (f.field === 'csv') !== (f.kind === 'csv'));
    if (misplaced) {
      const accepted = misplaced.field === 'csv' ? (['csv'] as const) : documentKinds;
      return {
        fields: read.fields,
        refused: {
          code: 'type-not-accepted',
          field: misplaced.field,
          accepted: [...accepted],
        } as UploadRefusal,
      };
    }
    return {
      fields: read.fields,
      csv: read.files.find((f) => f.field === 'csv')?.bytes,
      files: read.files.filter((f) => f.field === 'files'),
    };
  }

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
      uploads: true,
      async handler(c) {
        const authority = await publishingAuthority(c);
        const actor = loggedInPerson(c);
        const read = await readUploads(c, {
          maxBytes: maxDocumentBytes,
          maxFiles: 1,
          accepted: documentKinds,
        });
        const form = read.fields;
        const t = documentMessages.translator(c.var.locale);
        const file = 'files' in read ? read.files[0] : undefined;
        const prepared = await preparePublication(t, {
          recipient: recipientQuery(form),
          title: text(form, 'title'),
          category: text(form, 'category'),
          file,
        });
        // The file's own refusal replaces "choose a file": nothing of it was kept.
        if ('refused' in read)
          prepared.errors = [
            ...prepared.errors.filter((e) => e.field !== 'file'),
            { field: 'file', message: refusalMessage(read.refused, c.var.locale) },
          ];
        const idempotencyKey = /^[0-9a-f-]{36}$/.test(text(form, 'idempotencyKey'))
          ? text(form, 'idempotencyKey')
          : randomUUID();
        if (prepared.errors.length > 0 || !prepared.recipient || !file) {
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
          filename: file.name,
          bytes: file.bytes,
          idempotencyKey,
          publishedBy: `person:${actor.id}`,
          quarantined: file.scan === 'pending',
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
      uploads: true,
      async handler(c) {
        const authority = await publishingAuthority(c);
        const actor = loggedInPerson(c);
        const t = documentMessages.translator(c.var.locale);
        const read = await readBatch(c);
        const batchKey = /^[0-9a-f-]{36}$/.test(text(read.fields, 'idempotencyKey'))
          ? text(read.fields, 'idempotencyKey')
          : randomUUID();
        // One refused file refuses the batch: nothing is published, the agent sends it again without it.
        const batch =
          'refused' in read
            ? ({ csvInvalid: true } as const)
            : await publishBatch(await vaultOf(platform), {
                csv: read.csv,
                batchKey,
                authorityId: authority.id,
                publishedBy: `person:${actor.id}`,
                files: read.files,
              });
        const errors: FieldError[] =
          'refused' in read
            ? [{ field: read.refused.field ?? 'files', message: refusalMessage(read.refused, c.var.locale) }]
            : batch.csvInvalid
              ? [{ field: 'csv', message: t('csvInvalid') }]
              : [];
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
