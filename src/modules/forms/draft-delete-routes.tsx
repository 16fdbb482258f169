import type { PersonActor } from '../../platform/http/access.ts';
import { type AssuranceLevel, atLeast } from '../../platform/http/assurance-level.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import { identityPaths } from '../../platform/http/identity-paths.ts';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import type { FormDefinition } from './definition.ts';
import { deleteDraft } from './delete-draft.ts';
import type { Draft } from './drafts.ts';
import { draftsMessages } from './drafts-messages.ts';
import { DeleteDraftPage, deleteDraftPath } from './views/delete-draft-page.tsx';
import { allDraftsPath } from './views/drafts-page.tsx';

/**
 * Deleting an unfinished draft the person began, after a page that says what goes with it; `ownDraft`
 * asks the policy (the right to fill it in is the right to delete it).
 */
export function draftDeleteRoutes(
  platform: Platform,
  ownDraft: (c: RouteContext) => Promise<{
    actor: PersonActor;
    draft: Draft;
    definition: FormDefinition;
    requiredLevel: AssuranceLevel;
  }>,
): RouteDef[] {
  const { db } = platform;

  /**
   * The draft, if the person may fill it in (the same right decides deleting it: it is theirs to
   * change); another's, or one of another account, is not found. A sent one is a submission: refused.
   * Below the level its form's service asks for, the person logs in at that level first, as to open it.
   */
  async function deletableDraft(c: RouteContext) {
    const { actor, draft, definition, requiredLevel } = await ownDraft(c);
    if (draft.submittedAt) throw sentDraft(c);
    const stepUp = atLeast(actor.level, requiredLevel)
      ? undefined
      : c.redirect(
          `${identityPaths.login}?${new URLSearchParams({ return: deleteDraftPath(draft.id), level: requiredLevel })}`,
          303,
        );
    return { actor, draft, title: definition.title, stepUp };
  }

  const sentDraft = (c: RouteContext) => {
    const detail = draftsMessages.translator(c.var.locale)('deleteSent');
    return new HttpError(409, 'draft_sent', 'draft_sent', detail);
  };

  return [
    {
      method: 'GET',
      path: deleteDraftPath(':id'),
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { draft, title, stepUp } = await deletableDraft(c);
        if (stepUp) return stepUp;
        return platform.render(
          c,
          { title: draftsMessages.translator(c.var.locale)('deleteTitle') },
          <DeleteDraftPage
            locale={c.var.locale}
            draft={{ id: draft.id, title, updatedAt: draft.updatedAt }}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: deleteDraftPath(':id'),
      access: 'person',
      object: 'decided',
      async handler(c) {
        const { actor, draft, stepUp } = await deletableDraft(c);
        if (stepUp) return stepUp;
        if ((await deleteDraft(db, draft, { personId: actor.id })) === 'sent') throw sentDraft(c);
        return c.redirect(`${allDraftsPath}?deleted=1`, 303);
      },
    },
  ];
}
