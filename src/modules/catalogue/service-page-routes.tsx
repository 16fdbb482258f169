import { atLeast } from '../../platform/http/assurance-level.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { identityPaths } from '../../platform/http/identity-paths.ts';
import { loggedInPerson, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { listAuthorities } from '../authorities/index.ts';
import { recordIndicator } from '../indicators/index.ts';
import { renderServicePage } from './render-service-page.tsx';
import { isOnline } from './service-content.ts';
import { getServiceEntry, listPublished } from './services.ts';
import { servicePath } from './views/service-card.tsx';

/** A published service's page and the way into its form, and what search engines are told to read. */
export function servicePageRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    {
      method: 'GET',
      path: '/services/:slug',
      access: 'anonymous',
      object: { none: 'a public catalogue page' },
      async handler(c) {
        const entry = await getServiceEntry(db, { slug: c.req.param('slug') ?? '' }, 'published');
        if (!entry) throw notFound();
        await recordIndicator(db, {
          kind: 'page_viewed',
          authorityId: entry.authorityId,
          formId: isOnline(entry.content) ? entry.content.formId : null,
        });
        return renderServicePage(platform, c, entry);
      },
    },
    {
      method: 'GET',
      path: '/services/:slug/start',
      access: 'person',
      object: { none: 'a public catalogue page' },
      async handler(c) {
        const entry = await getServiceEntry(db, { slug: c.req.param('slug') ?? '' }, 'published');
        if (!entry) throw notFound();
        // A service that cannot be done online sends people back to its page, which says how to do it.
        if (!isOnline(entry.content)) return c.redirect(servicePath(entry.slug), 303);
        // A page of the portal asks for what it needs itself (some are open to anyone).
        if (entry.content.startPath) return c.redirect(entry.content.startPath, 303);
        const actor = loggedInPerson(c);
        if (!atLeast(actor.level, entry.content.level)) {
          const query = new URLSearchParams({ return: c.req.path, level: entry.content.level });
          return c.redirect(`${identityPaths.login}?${query}`, 303);
        }
        return c.redirect(`/forms/${entry.content.formId}/start`, 303);
      },
    },
    {
      method: 'GET',
      path: '/sitemap.xml',
      access: 'anonymous',
      async handler(c) {
        const origin = new URL(c.req.url).origin;
        const communes = await listAuthorities(db, 'commune');
        const entries = await listPublished(db);
        const urls = [
          { loc: '/', lastmod: undefined },
          ...communes.map((commune) => ({ loc: `/communes/${commune.slug}`, lastmod: undefined })),
          ...entries.map((e) => ({
            loc: servicePath(e.slug),
            lastmod: e.updatedAt.toISOString().slice(0, 10),
          })),
        ];
        const body = urls
          .map(
            (u) =>
              `<url><loc>${origin}${u.loc}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`,
          )
          .join('');
        c.header('Content-Type', 'application/xml; charset=utf-8');
        return c.body(
          `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${body}</urlset>`,
        );
      },
    },
    {
      method: 'GET',
      path: '/robots.txt',
      access: 'anonymous',
      handler(c) {
        const origin = new URL(c.req.url).origin;
        return c.text(
          `User-agent: *\nDisallow: /back-office/\nDisallow: /api/\nSitemap: ${origin}/sitemap.xml\n`,
        );
      },
    },
  ];
}
