import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Actor } from '../../platform/http/access.ts';
import { forbidden } from '../../platform/http/http-error.ts';
import { can } from '../policy/index.ts';
import type { Authority, Palette } from './authority.ts';
import { checkPalette, type PaletteProblem } from './palette.ts';
import { forgetAuthorities } from './queries.ts';
import type { AuthoritiesTables } from './tables.ts';

/** Whether the actor may change this authority's look (its admins, platform admins), per the policy. */
export async function mayManageBranding(db: Db, actor: Actor | null, authority: Authority): Promise<boolean> {
  return (await can(db, actor, 'authority.manageBranding', { type: 'authority', authorityId: authority.id }))
    .allowed;
}

export type BrandingUpdate = { ok: true } | { ok: false; problems: PaletteProblem[] };

/** Changes the palette if it keeps every text readable (AA); audited with the old and new colours. */
export async function updateBranding(
  db: Db,
  actor: Actor | null,
  authority: Authority,
  palette: Palette,
  requestId?: string,
): Promise<BrandingUpdate> {
  if (actor?.kind !== 'person' || !(await mayManageBranding(db, actor, authority))) throw forbidden();
  const problems = checkPalette(palette);
  if (problems.length > 0) return { ok: false, problems };
  await audited(
    db,
    {
      actor: `person:${actor.id}`,
      action: 'authority.branding.update',
      subjectType: 'authority',
      subjectId: authority.id,
      authorityId: authority.id,
      details: { before: authority.palette, after: palette },
      requestId,
    },
    (tx) =>
      tablesOf<AuthoritiesTables>(tx)
        .updateTable('authorities')
        .set({
          primary_colour: palette.primary,
          primary_text_colour: palette.primaryText,
          accent_colour: palette.accent,
          updated_at: new Date(),
        })
        .where('id', '=', authority.id)
        .execute(),
  );
  forgetAuthorities(db);
  return { ok: true };
}
