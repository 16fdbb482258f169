import { audited } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import type { Locale, LocalisedText } from '../../platform/i18n/locales.ts';
import {
  type Authority,
  type AuthorityContact,
  type AuthorityKind,
  type Palette,
  toAuthority,
} from './authority.ts';
import { checkPalette } from './palette.ts';
import { forgetAuthorities } from './queries.ts';
import type { AuthoritiesTables } from './tables.ts';

export interface NewAuthority {
  slug: string;
  kind: AuthorityKind;
  parentSlug?: string;
  names: LocalisedText;
  languages: Locale[];
  logo?: string;
  palette: Palette;
  contact?: AuthorityContact;
}

export class InvalidPaletteError extends Error {}

/** Creates an authority, or updates the one with the same slug (so the demo seed can run again). */
export async function upsertAuthority(db: Db, actor: string, input: NewAuthority): Promise<Authority> {
  const problems = checkPalette(input.palette);
  if (problems.length > 0)
    throw new InvalidPaletteError(`Palette of ${input.slug}: ${JSON.stringify(problems)}`);
  const authority = await audited(
    db,
    (authority: Authority) => ({
      actor,
      action: 'authority.upsert',
      subjectType: 'authority',
      subjectId: authority.id,
      authorityId: authority.id,
      details: { slug: input.slug },
    }),
    async (tx) => {
      const table = tablesOf<AuthoritiesTables>(tx);
      const parent = input.parentSlug
        ? await table
            .selectFrom('authorities')
            .select('id')
            .where('slug', '=', input.parentSlug)
            .executeTakeFirstOrThrow()
        : undefined;
      const values = {
        slug: input.slug,
        kind: input.kind,
        parent_id: parent?.id ?? null,
        names: JSON.stringify(input.names) as unknown as LocalisedText,
        languages: input.languages,
        logo: input.logo ?? null,
        primary_colour: input.palette.primary,
        primary_text_colour: input.palette.primaryText,
        accent_colour: input.palette.accent,
        contact: input.contact ? (JSON.stringify(input.contact) as unknown as AuthorityContact) : null,
      };
      const row = await table
        .insertInto('authorities')
        .values(values)
        .onConflict((oc) => oc.column('slug').doUpdateSet({ ...values, updated_at: new Date() }))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAuthority(row);
    },
  );
  forgetAuthorities(db);
  return authority;
}
