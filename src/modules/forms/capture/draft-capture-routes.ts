import { masterKeysFor } from '../../../platform/crypto/master-keys.ts';
import { type AssuranceLevel, atLeast } from '../../../platform/http/assurance-level.ts';
import { HttpError, notFound } from '../../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../../platform/http/route.ts';
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
  ownDraft: (c: RouteContext) => Promise<{ draft: Draft; requiredLevel: AssuranceLevel }>,
): RouteDef[] {
  const { db } = platform;

  /**
   * The draft, if the person is also logged in at the level its form's service asks for: a weaker
   * login reads nothing of it. These are fetched by an `img` or a script, which cannot follow a
   * step-up: refused with a 401, as the router refuses what cannot be sent to log in again.
   */
  async function draftAtLevel(c: RouteContext) {
    const { draft, requiredLevel } = await ownDraft(c);
    if (!atLeast(loggedInPerson(c).level, requiredLevel)) throw new HttpError(401, 'step_up');
    return draft;
  }

  return [
    {
      method: 'GET',
      path: '/forms/drafts/:id/pages/:pageId',
      access: 'person',
      object: 'decided',
      async handler(c) {
        const draft = await draftAtLevel(c);
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
        const draft = await draftAtLevel(c);
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
