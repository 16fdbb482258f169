import { masterKeysFor } from '../../../platform/crypto/master-keys.ts';
import type { RouteContext, RouteDef } from '../../../platform/http/route.ts';
import { pick } from '../../../platform/i18n/locales.ts';
import type { Platform } from '../../../platform/module.ts';
import { readUploads, refusalMessage } from '../../../platform/uploads/index.ts';
import { captureMessages } from '../capture-messages.ts';
import { allFields } from '../definition.ts';
import { type DocumentKind, defaults, documentKinds } from '../fields/document/document-kinds.ts';
import { pageAction } from '../fields/document/page-list.tsx';
import type { Field } from '../fields/registry.ts';
import { getForm, getVersion } from '../forms.ts';
import { CodePage, ScanMessagePage, ScanPage } from '../views/scan-pages.tsx';
import { sendFromPhone } from './capture-documents.ts';
import { addPage, countPages, deletePage, listPages, movePage, readPage } from './capture-pages.ts';
import { type Capture, exchangeCode, findCapture } from './capture-tokens.ts';
import { pageImage } from './draft-capture-routes.ts';
import { normaliseInWorker } from './image-thread.ts';
import { documentName } from './step-files.ts';

// The link token is the only credential: it opens this capture and nothing else (no session, no
// account), so the policy has no object to decide on — the token's row names the one draft and field.
const tokenIsTheObject = {
  none: 'a "continue on your phone" link: its token (hashed, single-use, 10 minutes) is bound to one draft field',
};
/** Guessing a short code (~40 bits) at this pace takes longer than the code lives, by far. */
const codeEntryLimit = { bucket: 'scan-code', limit: 10, windowSeconds: 600 };
const linkLimit = { bucket: 'scan-link', limit: 300, windowSeconds: 600 };
const photoKinds: DocumentKind[] = ['jpeg', 'png'];

/** The phone's side of "continue on your phone", reached without logging in (`/scan`). */
export function phoneRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function openCapture(c: RouteContext) {
    const capture = await findCapture(db, c.req.param('token') ?? '');
    const form = capture && (await getForm(db, capture.formId));
    const version = form && (await getVersion(db, form, capture.version));
    const field = version && allFields(version.definition).find((f) => f.field.id === capture.fieldId)?.field;
    if (!capture || !version || field?.type !== 'document') return undefined;
    return { capture, field, title: pick(version.definition.title, c.var.locale) };
  }

  const invalid = (c: RouteContext) => {
    const t = captureMessages.translator(c.var.locale);
    return platform.render(
      c,
      { title: t('scanInvalidTitle'), status: 404 },
      <ScanMessagePage title={t('scanInvalidTitle')} text={t('scanInvalid')} />,
    );
  };

  async function showCapture(
    c: RouteContext,
    opened: { capture: Capture; field: Extract<Field, { type: 'document' }>; title: string },
    error?: string,
  ) {
    const { capture, field } = opened;
    const t = captureMessages.translator(c.var.locale);
    const kinds = (field.accept ?? documentKinds).filter((kind) => photoKinds.includes(kind));
    return platform.render(
      c,
      { title: t('scanTitle'), status: error ? 422 : 200, scripts: ['forms/document-capture.js'] },
      <ScanPage
        locale={c.var.locale}
        action={`/scan/${c.req.param('token')}`}
        fieldId={field.id}
        fieldLabel={pick(field.label, c.var.locale)}
        formTitle={opened.title}
        accept={kinds.map((kind) => (kind === 'jpeg' ? 'image/jpeg' : 'image/png')).join(',') || 'image/*'}
        pages={await listPages(db, scopeOf(capture))}
        errors={error ? [{ field: 'page', message: error }] : []}
      />,
    );
  }

  return [
    {
      method: 'GET',
      path: '/scan',
      access: 'anonymous',
      async handler(c) {
        const t = captureMessages.translator(c.var.locale);
        return platform.render(c, { title: t('codeTitle') }, <CodePage locale={c.var.locale} />);
      },
    },
    {
      method: 'POST',
      path: '/scan',
      access: 'anonymous',
      rateLimit: codeEntryLimit,
      async handler(c) {
        const t = captureMessages.translator(c.var.locale);
        const token = await exchangeCode(db, String((await c.req.parseBody()).code ?? ''));
        if (token) return c.redirect(`/scan/${token}`, 303);
        return platform.render(
          c,
          { title: t('codeTitle'), status: 422 },
          <CodePage locale={c.var.locale} error={t('codeWrong')} />,
        );
      },
    },
    {
      method: 'GET',
      path: '/scan/:token',
      access: 'anonymous',
      object: tokenIsTheObject,
      rateLimit: linkLimit,
      async handler(c) {
        const opened = await openCapture(c);
        return opened ? showCapture(c, opened) : invalid(c);
      },
    },
    {
      method: 'GET',
      path: '/scan/:token/pages/:pageId',
      access: 'anonymous',
      object: tokenIsTheObject,
      rateLimit: linkLimit,
      async handler(c) {
        const opened = await openCapture(c);
        if (!opened) return invalid(c);
        const keys = await masterKeysFor(platform.config, db);
        return pageImage(c, await readPage(db, keys, scopeOf(opened.capture), c.req.param('pageId') ?? ''));
      },
    },
    {
      method: 'POST',
      path: '/scan/:token',
      access: 'anonymous',
      object: tokenIsTheObject,
      rateLimit: linkLimit,
      uploads: true,
      maxBodyBytes: defaults.maxBytes * 2,
      async handler(c) {
        const opened = await openCapture(c);
        if (!opened) return invalid(c);
        const { capture, field } = opened;
        const scope = scopeOf(capture);
        const keys = await masterKeysFor(platform.config, db);
        const maxBytes = field.maxBytes ?? defaults.maxBytes;
        const accepted = (field.accept ?? documentKinds).filter((kind) => photoKinds.includes(kind));
        const read = await readUploads(c, { accepted, maxBytes, maxFiles: 1 });
        if ('refused' in read) return showCapture(c, opened, refusalMessage(read.refused, c.var.locale));
        const t = captureMessages.translator(c.var.locale);
        const maxPages = field.maxPages ?? defaults.maxPages;
        for (const file of read.files) {
          if (file.scan === 'pending')
            return showCapture(
              c,
              opened,
              refusalMessage({ code: 'scanner-unavailable', accepted, maxBytes }, c.var.locale),
            );
          if ((await countPages(db, scope)) >= maxPages)
            return showCapture(c, opened, t('tooManyPages', { pages: maxPages }));
          await addPage(db, keys, scope, await normaliseInWorker(file.bytes, field.grayscale === true));
        }
        const action = typeof read.fields.action === 'string' ? read.fields.action : 'add';
        const onPage = pageAction(action, field.id);
        if (onPage?.verb === 'delete') await deletePage(db, scope, onPage.pageId);
        else if (onPage) await movePage(db, scope, onPage.pageId, onPage.verb);
        if (action === 'send') {
          const sent = await sendFromPhone(db, keys, capture, {
            name: documentName(field, c.var.locale),
            maxPages,
            multiple: field.multiple === true,
          });
          if (sent === 'closed') return invalid(c);
          if (sent === 'tooManyPages') return showCapture(c, opened, t('tooManyPages', { pages: maxPages }));
          if (sent !== 'noPages')
            return platform.render(
              c,
              { title: t('scanSentTitle') },
              <ScanMessagePage title={t('scanSentTitle')} text={t('scanSent', { pages: sent.pages })} />,
            );
        }
        return c.redirect(`/scan/${c.req.param('token')}`, 303);
      },
    },
  ];
}

const scopeOf = (capture: Capture) => ({
  draftId: capture.draftId,
  fieldId: capture.fieldId,
  captureId: capture.id,
});
