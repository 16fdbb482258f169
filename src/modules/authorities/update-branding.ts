import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { PersonActor } from '../../platform/http/access.ts';
import type { Authority, Palette } from './authority.ts';
import { checkPalette, type PaletteProblem } from './palette.ts';
import { forgetAuthorities } from './queries.ts';
import type { AuthoritiesTables } from './tables.ts';

export type BrandingUpdate = { ok: true } | { ok: false; problems: PaletteProblem[] };

/**
 * Changes the palette if it keeps every text readable (AA); audited with the old and new colours.
 * The caller has asked the policy whether the actor may (`authority.manageBranding`).
 */
export async function updateBranding(
  db: Db,
  actor: PersonActor,
  authority: Authority,
  palette: Palette,
  requestId?: string,
): Promise<BrandingUpdate> {
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
