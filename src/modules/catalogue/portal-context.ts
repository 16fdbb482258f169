import type { Db } from '../../platform/database/database.ts';
import { notFound } from '../../platform/http/http-error.ts';
import type { RouteContext } from '../../platform/http/route.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import {
  type Authority,
  brandingOf,
  getAuthorityBySlug,
  getCanton,
  listAuthorities,
} from '../authorities/index.ts';
import type { Portal } from './views/portal-pages.tsx';

export async function canton(db: Db): Promise<Authority> {
  const found = await getCanton(db);
  if (!found) throw new Error('No canton: run `guichet seed --demo` or create one');
  return found;
}

/** The canton's portal, or the commune's named in the path; anything else is not found. */
export async function portalOf(platform: Platform, c: RouteContext) {
  const slug = c.req.param('commune');
  const commune = slug ? await getAuthorityBySlug(platform.db, slug) : null;
  if (commune === undefined || (commune && commune.kind !== 'commune')) throw notFound();
  const home = await canton(platform.db);
  const locale = c.get('localeFor')((commune ?? home).languages);
  const portal: Portal = { commune, base: commune ? `/communes/${commune.slug}` : '' };
  return { portal, locale, home, branding: brandingOf(commune ?? home, home, locale, platform.assets) };
}

/** Each authority's name in the page's language, looked up from one read of them all. */
export async function authorityNames(db: Db, locale: Locale) {
  const all = await listAuthorities(db);
  const names = new Map(all.map((a) => [a.id, pick(a.names, locale, a.languages)]));
  return (id: string) => names.get(id) ?? '';
}
