import type { AssetRegistry } from '../../platform/http/assets.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { Branding } from '../../platform/views/page-context.ts';
import { type Authority, portalPath } from './authority.ts';
import { getCanton } from './queries.ts';

/** How the layout shows an authority: its name in the page's language, logo, colours, home. */
export function brandingOf(
  authority: Authority,
  canton: Authority,
  locale: Locale,
  assets: AssetRegistry,
): Branding {
  const logo = authority.logo ?? canton.logo;
  return {
    name: pick(authority.names, locale, authority.languages),
    homePath: portalPath(authority),
    logoUrl: logo && assets.has(logo) ? assets.url(logo) : undefined,
    primaryColour: authority.palette.primary,
    primaryTextColour: authority.palette.primaryText,
    accentColour: authority.palette.accent,
    operatorName: pick(canton.names, locale, canton.languages),
    contactPath: `/authorities/${authority.slug}/contact`,
  };
}

/** The canton's look, for pages that belong to no particular authority (errors, previews). */
export async function cantonBranding(platform: Platform, locale: Locale) {
  const home = await getCanton(platform.db);
  if (!home) throw new Error('No canton: run `guichet seed --demo` or create one');
  return brandingOf(home, home, locale, platform.assets);
}
