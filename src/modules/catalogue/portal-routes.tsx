import type { RateLimitRule } from '../../platform/http/rate-limit.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { type Authority, getAuthorityBySlug, listAuthorities } from '../authorities/index.ts';
import { catalogueMessages } from './messages.ts';
import { authorityNames, portalOf } from './portal-context.ts';
import { searchServices } from './search.ts';
import { listPublished } from './services.ts';
import { isLifeEvent, isTopic, lifeEvents, topics } from './taxonomy.ts';
import {
  CantonHomePage,
  CommuneHomePage,
  SearchPage,
  SearchResults,
  ServiceListPage,
} from './views/portal-pages.tsx';

/** Searching is public and cheap, but not free: enough for typing, not for scraping. */
const searchLimit: RateLimitRule = { bucket: 'search', limit: 300, windowSeconds: 60 };
const pageSize = 20;

/** The canton's and communes' portals: their home pages, their lists of services and their search. */
export function portalRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  const listAndSearch = (prefix: '' | '/communes/:commune'): RouteDef[] => [
    {
      method: 'GET',
      path: `${prefix}/services`,
      access: 'anonymous',
      object: { none: 'a public catalogue page' },
      async handler(c) {
        const { portal, locale, branding } = await portalOf(platform, c);
        const t = catalogueMessages.translator(locale);
        const topic = c.req.query('topic') ?? '';
        const event = c.req.query('event') ?? '';
        const authority = c.req.query('authority')
          ? await getAuthorityBySlug(db, c.req.query('authority') ?? '')
          : null;
        let entries = await listPublished(db, {
          communeId: portal.commune?.id ?? null,
          authorityId: authority?.id,
        });
        let title = t('servicesTitle');
        if (isTopic(topic)) {
          entries = entries.filter((e) => e.content.topics.includes(topic));
          title = t('servicesTitleTopic', { topic: pick(topics[topic], locale) });
        } else if (isLifeEvent(event)) {
          entries = entries.filter((e) => e.content.lifeEvents.includes(event));
          title = t('servicesTitleEvent', { event: pick(lifeEvents[event], locale) });
        } else if (authority) {
          title = t('servicesTitleAuthority', {
            authority: pick(authority.names, locale, authority.languages),
          });
        }
        return platform.render(
          c,
          { title, locale, branding },
          <ServiceListPage
            locale={locale}
            portal={portal}
            title={title}
            entries={entries}
            authorityName={await authorityNames(db, locale)}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: `${prefix}/search`,
      access: 'anonymous',
      object: { none: 'a public catalogue page' },
      rateLimit: searchLimit,
      async handler(c) {
        const { portal, locale, branding } = await portalOf(platform, c);
        const query = (c.req.query('q') ?? '').slice(0, 200);
        const page = Math.max(1, Math.min(50, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
        const result = await searchServices(db, query, {
          communeId: portal.commune?.id ?? null,
          limit: pageSize,
          offset: (page - 1) * pageSize,
        });
        const results = (
          <SearchResults
            locale={locale}
            query={query}
            total={result.total}
            entries={result.entries}
            page={page}
            pages={Math.ceil(result.total / pageSize)}
            href={(n) => `${portal.base}/search?${new URLSearchParams({ q: query, page: String(n) })}`}
            authorityName={await authorityNames(db, locale)}
          />
        );
        // The script asks for the results alone, to replace them as the user types.
        if (c.req.query('fragment') === '1')
          return platform.render(c, { title: '', locale, fragment: true }, results);
        const t = catalogueMessages.translator(locale);
        return platform.render(
          c,
          {
            title: query ? t('searchTitleFor', { query }) : t('searchTitle'),
            locale,
            branding,
            scripts: ['catalogue/catalogue-search.js'],
          },
          <SearchPage locale={locale} portal={portal} query={query} results={results} />,
        );
      },
    },
  ];

  return [
    {
      method: 'GET',
      path: '/',
      access: 'anonymous',
      async handler(c) {
        const { portal, locale, branding } = await portalOf(platform, c);
        // The page is made of the authorities' snapshot alone: it is rendered once per snapshot.
        const authorities = await listAuthorities(db);
        const communes = authorities.filter((a) => a.kind === 'commune');
        const services = authorities.filter((a) => a.kind === 'cantonal_service');
        return platform.render(
          c,
          {
            title: catalogueMessages.translator(locale)('cantonTitle'),
            locale,
            branding,
            scripts: ['catalogue/catalogue-search.js'],
            sharedWhile: authorities,
          },
          <CantonHomePage locale={locale} communes={communes} services={services} portal={portal} />,
        );
      },
    },
    {
      method: 'GET',
      path: '/communes/:commune',
      access: 'anonymous',
      object: { none: 'a public catalogue page' },
      async handler(c) {
        const { portal, locale, branding } = await portalOf(platform, c);
        const commune = portal.commune as Authority;
        const own = await listPublished(db, { communeId: commune.id, authorityId: commune.id });
        const name = pick(commune.names, locale, commune.languages);
        return platform.render(
          c,
          {
            title: catalogueMessages.translator(locale)('communeTitle', { commune: name }),
            locale,
            branding,
            scripts: ['catalogue/catalogue-search.js'],
          },
          <CommuneHomePage
            locale={locale}
            portal={{ ...portal, commune }}
            own={own}
            authorityName={await authorityNames(db, locale)}
          />,
        );
      },
    },
    ...listAndSearch(''),
    ...listAndSearch('/communes/:commune'),
  ];
}
