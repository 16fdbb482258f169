import type { Selectable } from 'kysely';
import type { Locale, LocalisedText } from '../../platform/i18n/locales.ts';
import type { AuthorityContact } from './contact.ts';
import type { AuthoritiesTables, AuthorityKind } from './tables.ts';

/** An authority: the canton, one of its services, or a commune. What other modules receive. */
export interface Authority {
  id: string;
  slug: string;
  kind: AuthorityKind;
  parentId: string | null;
  names: LocalisedText;
  /** Official languages, the first being the default of its portal. */
  languages: Locale[];
  logo: string | null;
  palette: Palette;
  /** How to reach it; null until its administrator fills it in. */
  contact: AuthorityContact | null;
}

export interface Palette {
  primary: string;
  primaryText: string;
  accent: string;
}

export type { AuthorityContact, AuthorityKind };

export function toAuthority(row: Selectable<AuthoritiesTables['authorities']>): Authority {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    parentId: row.parent_id,
    names: row.names,
    languages: row.languages,
    logo: row.logo,
    palette: { primary: row.primary_colour, primaryText: row.primary_text_colour, accent: row.accent_colour },
    contact: row.contact,
  };
}

/** Where the authority's portal lives: the canton at the root, each commune under /communes/. */
export function portalPath(authority: Pick<Authority, 'kind' | 'slug'>): string {
  if (authority.kind === 'commune') return `/communes/${authority.slug}`;
  if (authority.kind === 'canton') return '/';
  return `/authorities/${authority.slug}`;
}
