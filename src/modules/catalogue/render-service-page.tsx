import type { Child } from 'hono/jsx';
import { notFound } from '../../platform/http/http-error.ts';
import type { RouteContext } from '../../platform/http/route.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { brandingOf, getAuthorityById } from '../authorities/index.ts';
import { catalogueMessages } from './messages.ts';
import { canton } from './portal-context.ts';
import type { ServiceEntry } from './services.ts';
import { ServicePage } from './views/portal-pages.tsx';
import { servicePath } from './views/service-card.tsx';

/**
 * A service's page in its owner's branding: the published one with its schema.org data, or a designer's
 * preview of any version under a banner (without the data, so that no draft is described to search engines).
 */
export async function renderServicePage(
  platform: Platform,
  c: RouteContext,
  entry: ServiceEntry,
  preview?: (locale: Locale) => Child,
) {
  const authority = await getAuthorityById(platform.db, entry.authorityId);
  if (!authority) throw notFound();
  const home = await canton(platform.db);
  const owner = authority.kind === 'commune' ? authority : home;
  const locale = c.var.localeFor(owner.languages);
  const name = pick(entry.content.name, locale);
  const origin = new URL(c.req.url).origin;
  const structured = {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    name,
    description: pick(entry.content.summary, locale),
    url: `${origin}${servicePath(entry.slug)}`,
    provider: {
      '@type': 'GovernmentOrganization',
      name: pick(authority.names, locale, authority.languages),
    },
    areaServed: { '@type': 'AdministrativeArea', name: pick(owner.names, locale, owner.languages) },
    ...(entry.content.feeCents !== null && {
      offers: { '@type': 'Offer', price: (entry.content.feeCents / 100).toFixed(2), priceCurrency: 'CHF' },
    }),
  };
  return platform.render(
    c,
    {
      title: name,
      locale,
      branding: brandingOf(owner, home, locale, platform.assets),
      breadcrumbs: [{ label: catalogueMessages.translator(locale)('allServices'), href: '/services' }],
      head: preview ? undefined : (
        <script
          type="application/ld+json"
          nonce={c.var.secureHeadersNonce}
          // JSON in a script element: only "<" could end it early, so it is escaped.
          dangerouslySetInnerHTML={{ __html: JSON.stringify(structured).replace(/</g, '\\u003c') }}
        />
      ),
    },
    <ServicePage locale={locale} entry={entry} authority={authority} preview={preview?.(locale)} />,
  );
}
