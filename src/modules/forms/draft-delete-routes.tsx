import { atLeast } from '../../platform/http/assurance-level.ts';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { identityPaths } from '../../platform/http/identity-paths.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { requiredLevelOfFormCall } from '../catalogue/index.ts';
import { can } from '../policy/index.ts';
import { deleteDraft } from './delete-draft.ts';
import { getDraftInForm } from './drafts.ts';
import { draftsMessages } from './drafts-messages.ts';
import { DeleteDraftPage, deleteDraftPath } from './views/delete-draft-page.tsx';
import { allDraftsPath } from './views/drafts-page.tsx';

/** Deleting an unfinished draft the person began, after a page that says what goes with it. */
export function draftDeleteRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  /**
   * The draft, if the person may fill it in (the same right decides deleting it: it is theirs to
   * change); another's, or one of another account, is not found. A sent one is a submission: refused.
   * Below the level its form's service asks for, the person logs in at that level first, as to open it.
   */
  async function deletableDraft(c: RouteContext) {
    const actor = loggedInPerson(c);
    const loaded = await getDraftInForm(
      db,
      actor.account.id,
      c.req.param('id') ?? '',
      requiredLevelOfFormCall,
    );
    if (!loaded) throw notFound();
    const { draft, form, definition, about: requiredLevel } = loaded;
    const resource = {
      type: 'draft' as const,
      accountId: draft.accountId,
      personId: draft.personId,
      theme: form.theme ?? undefined,
    };
    if (!(await can(db, actor, 'draft.fillIn', resource)).allowed) throw notFound();
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
