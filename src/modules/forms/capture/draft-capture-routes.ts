import { masterKeysFor } from '../../../platform/crypto/master-keys.ts';
import { notFound } from '../../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../../platform/http/route.ts';
import type { Platform } from '../../../platform/module.ts';
import { captureMessages } from '../capture-messages.ts';
import type { Draft } from '../drafts.ts';
import type { AttachedDocument } from '../fields/document/document-kinds.ts';
import { readPage } from './capture-pages.ts';
import { hasOpenCapture } from './capture-tokens.ts';

/** A page's preview: the JPEG itself, inline (an `img`), never cached. */
export function pageImage(c: RouteContext, jpeg: Buffer | undefined): Response {
  if (!jpeg) throw notFound();
  return c.body(new Uint8Array(jpeg), 200, {
    'Content-Type': 'image/jpeg',
    'Content-Disposition': 'inline; filename="page.jpg"',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}

/**
 * The computer's side of capture, on a draft the person may fill in (`ownDraft` asks the policy): a
 * waiting page's preview, and what a document field holds, asked by the page's script while a phone
 * link is open.
 */
export function draftCaptureRoutes(
  platform: Platform,
  ownDraft: (c: RouteContext) => Promise<{ draft: Draft }>,
): RouteDef[] {
  const { db } = platform;
  return [
    {
      method: 'GET',
      path: '/forms/drafts/:id/pages/:pageId',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { draft } = await ownDraft(c);
        const keys = await masterKeysFor(platform.config, db);
        // A page of any field of this draft on this computer; a phone's pages are the phone's until sent.
        const fieldId = c.req.query('field') ?? '';
        return pageImage(
          c,
          await readPage(
            db,
            keys,
            { draftId: draft.id, fieldId, captureId: null },
            c.req.param('pageId') ?? '',
          ),
        );
      },
    },
    {
      method: 'GET',
      path: '/forms/drafts/:id/fields/:fieldId/documents',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { draft } = await ownDraft(c);
        const fieldId = c.req.param('fieldId') ?? '';
        const t = captureMessages.translator(c.var.locale);
        const value = draft.answers[fieldId];
        const documents = Array.isArray(value) ? (value as AttachedDocument[]) : [];
        c.header('Cache-Control', 'no-store');
        return c.json({
          waiting: await hasOpenCapture(db, draft.id, fieldId),
          documents: documents.map((d) => ({ text: t('documentPages', { name: d.name, pages: d.pages }) })),
        });
      },
    },
  ];
}
