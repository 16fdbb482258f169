import type { Child } from 'hono/jsx';
import { atLeast } from '../../platform/http/assurance-level.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { identityPaths } from '../../platform/http/identity-paths.ts';
import type { RateLimitRule } from '../../platform/http/rate-limit.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { type Locale, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import type { FieldError } from '../../platform/views/components/error-summary.tsx';
import {
  type Authority,
  brandingOf,
  getAuthorityById,
  getAuthorityBySlug,
  getCanton,
  listAuthorities,
} from '../authorities/index.ts';
import { listFormsOf } from '../forms/index.ts';
import { withActorNames } from '../identity/index.ts';
import { authoritiesWhere, can } from '../policy/index.ts';
import { catalogueMessages } from './messages.ts';
import { addSynonyms, deleteSynonyms, listSynonyms, searchServices } from './search.ts';
import { formValuesOf, isOnline, parseServiceContent } from './service-content.ts';
import {
  createService,
  getService,
  getServiceEntry,
  listPublished,
  listServicesOf,
  listVersions,
  publishVersion,
  type Service,
  type ServiceEntry,
  saveVersion,
  withdrawService,
} from './services.ts';
import { isLifeEvent, isTopic, lifeEvents, topics } from './taxonomy.ts';
import { DesignerListPage, designerBase, ServiceEditorPage, SynonymsPage } from './views/designer-pages.tsx';
import { PreviewBanner } from './views/draft-journey.tsx';
import {
  CantonHomePage,
  CommuneHomePage,
  type Portal,
  SearchPage,
  SearchResults,
  ServiceListPage,
  ServicePage,
} from './views/portal-pages.tsx';
import { servicePath } from './views/service-card.tsx';

/** Searching is public and cheap, but not free: enough for typing, not for scraping. */
const searchLimit: RateLimitRule = { bucket: 'search', limit: 300, windowSeconds: 60 };
const pageSize = 20;

/** The public portals (canton and communes), the service pages and search, and the designers' pages. */
export function catalogueRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;

  async function canton(): Promise<Authority> {
    const found = await getCanton(db);
    if (!found) throw new Error('No canton: run `guichet seed --demo` or create one');
    return found;
  }

  /** The canton's portal, or the commune's named in the path; anything else is not found. */
  async function portalOf(c: RouteContext) {
    const slug = c.req.param('commune');
    const commune = slug ? await getAuthorityBySlug(db, slug) : null;
    if (commune === undefined || (commune && commune.kind !== 'commune')) throw notFound();
    const home = await canton();
    const locale = c.var.localeFor((commune ?? home).languages);
    const portal: Portal = { commune, base: commune ? `/communes/${commune.slug}` : '' };
    return { portal, locale, home, branding: brandingOf(commune ?? home, home, locale, platform.assets) };
  }

  async function authorityNames(locale: Locale) {
    const all = await listAuthorities(db);
    const names = new Map(all.map((a) => [a.id, pick(a.names, locale, a.languages)]));
    return (id: string) => names.get(id) ?? '';
  }

  /** The authorities whose catalogue the actor may design, as the policy says. */
  async function designedBy(c: RouteContext): Promise<Authority[]> {
    const ids = await authoritiesWhere(db, c.var.actor, 'authority.designServices');
    const authorities = await Promise.all(ids.map((id) => getAuthorityById(db, id)));
    return authorities.filter((a): a is Authority => a !== undefined);
  }

  /** A service the actor designs; any other is answered as absent. */
  async function designedService(c: RouteContext): Promise<Service> {
    const service = await getService(db, { slug: c.req.param('slug') ?? '' });
    const resource = service && { type: 'authority' as const, authorityId: service.authorityId };
    if (!resource || !(await can(db, c.var.actor, 'authority.designServices', resource)).allowed)
      throw notFound();
    return service;
  }

  const actorRef = (c: RouteContext) => `person:${loggedInPerson(c).id}`;

  function translatedProblems(locale: Locale, problems: { field: string; problem: string }[]): FieldError[] {
    const t = catalogueMessages.translator(locale);
    return problems.map((p) => ({ field: p.field, message: t(p.problem as Parameters<typeof t>[0]) }));
  }

  async function renderEditor(
    c: RouteContext,
    props: Omit<Parameters<typeof ServiceEditorPage>[0], 'locale' | 'forms'>,
    status: 200 | 422 = 200,
  ) {
    // The forms a designer may attach: published ones of the authorities they design for.
    const forms = (
      await listFormsOf(
        db,
        (await designedBy(c)).map((a) => a.id),
      )
    ).filter((f) => f.publishedVersion !== null);
    return platform.render(
      c,
      {
        title: props.title,
        status,
        breadcrumbs: [
          { label: catalogueMessages.translator(c.var.locale)('designTitle'), href: designerBase },
        ],
      },
      <ServiceEditorPage locale={c.var.locale} {...props} forms={forms} />,
    );
  }

  async function editService(c: RouteContext, service: Service, notice?: string) {
    const entry = (await getServiceEntry(db, { id: service.id }, 'latest')) as ServiceEntry;
    const t = catalogueMessages.translator(c.var.locale);
    return renderEditor(c, {
      title: t('editTitle', { service: pick(entry.content.name, c.var.locale) }),
      action: `${designerBase}/${service.slug}`,
      values: formValuesOf(entry.content),
      errors: [],
      service,
      history: await withActorNames(db, c.var.locale, await listVersions(db, service.id)),
      notice,
    });
  }

  async function renderServicePage(
    c: RouteContext,
    entry: ServiceEntry,
    preview?: (locale: Locale) => Child,
  ) {
    const authority = await getAuthorityById(db, entry.authorityId);
    if (!authority) throw notFound();
    const home = await canton();
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

  const portalRoutes = (prefix: '' | '/communes/:commune'): RouteDef[] => [
    {
      method: 'GET',
      path: `${prefix}/services`,
      access: 'anonymous',
      object: { none: 'a public catalogue page' },
      async handler(c) {
        const { portal, locale, branding } = await portalOf(c);
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
            authorityName={await authorityNames(locale)}
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
        const { portal, locale, branding } = await portalOf(c);
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
            authorityName={await authorityNames(locale)}
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
        const { portal, locale, branding } = await portalOf(c);
        const [communes, services] = await Promise.all([
          listAuthorities(db, 'commune'),
          listAuthorities(db, 'cantonal_service'),
        ]);
        return platform.render(
          c,
          {
            title: catalogueMessages.translator(locale)('cantonTitle'),
            locale,
            branding,
            scripts: ['catalogue/catalogue-search.js'],
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
        const { portal, locale, branding } = await portalOf(c);
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
            authorityName={await authorityNames(locale)}
          />,
        );
      },
    },
    ...portalRoutes(''),
    ...portalRoutes('/communes/:commune'),
    {
      method: 'GET',
      path: '/services/:slug',
      access: 'anonymous',
      object: { none: 'a public catalogue page' },
      async handler(c) {
        const entry = await getServiceEntry(db, { slug: c.req.param('slug') ?? '' }, 'published');
        if (!entry) throw notFound();
        return renderServicePage(c, entry);
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
        const formId = isOnline(entry.content) ? entry.content.formId : null;
        if (!formId) return c.redirect(servicePath(entry.slug), 303);
        const actor = loggedInPerson(c);
        if (!atLeast(actor.level, entry.content.level)) {
          const query = new URLSearchParams({ return: c.req.path, level: entry.content.level });
          return c.redirect(`${identityPaths.login}?${query}`, 303);
        }
        return c.redirect(`/forms/${formId}/start`, 303);
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
    // Service designers
    {
      method: 'GET',
      path: designerBase,
      access: 'staff',
      async handler(c) {
        const authorities = await designedBy(c);
        if (authorities.length === 0) throw notFound();
        const services = await listServicesOf(
          db,
          authorities.map((a) => a.id),
        );
        return platform.render(
          c,
          { title: catalogueMessages.translator(c.var.locale)('designTitle') },
          <DesignerListPage
            locale={c.var.locale}
            services={services}
            authorityName={await authorityNames(c.var.locale)}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: `${designerBase}/new`,
      access: 'staff',
      async handler(c) {
        const authorities = await designedBy(c);
        if (authorities.length === 0) throw notFound();
        return renderEditor(c, {
          title: catalogueMessages.translator(c.var.locale)('newService'),
          action: `${designerBase}/new`,
          values: { level: 'substantial', audiences: ['person'] },
          errors: [],
          authorities,
        });
      },
    },
    {
      method: 'POST',
      path: `${designerBase}/new`,
      access: 'staff',
      async handler(c) {
        const authorities = await designedBy(c);
        if (authorities.length === 0) throw notFound();
        const form = await c.req.parseBody({ all: true });
        const values = form as Record<string, string | string[]>;
        const { content, problems } = parseServiceContent(values);
        const errors = translatedProblems(c.var.locale, problems);
        const t = catalogueMessages.translator(c.var.locale);
        const slug = String(form.slug ?? '').trim();
        const authority = authorities.find((a) => a.slug === form.authority);
        if (!authority) errors.unshift({ field: 'authority', message: t('authorityMissing') });
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80)
          errors.unshift({ field: 'slug', message: t('slugInvalid') });
        else if (await getService(db, { slug })) errors.unshift({ field: 'slug', message: t('slugTaken') });
        if (errors.length > 0 || !authority)
          return renderEditor(
            c,
            { title: t('newService'), action: `${designerBase}/new`, values, errors, authorities },
            422,
          );
        await createService(db, actorRef(c), { authorityId: authority.id, slug, content });
        return c.redirect(`${designerBase}/${slug}?saved=1`, 303);
      },
    },
    {
      method: 'GET',
      path: `${designerBase}/synonyms`,
      access: 'staff',
      async handler(c) {
        if ((await designedBy(c)).length === 0) throw notFound();
        return platform.render(
          c,
          { title: catalogueMessages.translator(c.var.locale)('synonymsTitle') },
          <SynonymsPage locale={c.var.locale} groups={await listSynonyms(db)} value="" errors={[]} />,
        );
      },
    },
    {
      method: 'POST',
      path: `${designerBase}/synonyms`,
      access: 'staff',
      async handler(c) {
        if ((await designedBy(c)).length === 0) throw notFound();
        const value = String((await c.req.parseBody()).terms ?? '');
        const added = await addSynonyms(db, actorRef(c), value.split(','));
        if (added.length > 0) return c.redirect(`${designerBase}/synonyms`, 303);
        const t = catalogueMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('synonymsTitle'), status: 422 },
          <SynonymsPage
            locale={c.var.locale}
            groups={await listSynonyms(db)}
            value={value}
            errors={[{ field: 'terms', message: t('synonymsTooFew') }]}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: `${designerBase}/synonyms/:id/delete`,
      access: 'staff',
      object: { none: 'the canton’s search synonyms, shared by every designer' },
      async handler(c) {
        if ((await designedBy(c)).length === 0) throw notFound();
        const id = c.req.param('id') ?? '';
        if (!/^[0-9a-f-]{36}$/.test(id) || !(await deleteSynonyms(db, actorRef(c), id))) throw notFound();
        return c.redirect(`${designerBase}/synonyms`, 303);
      },
    },
    {
      method: 'GET',
      path: `${designerBase}/:slug`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const service = await designedService(c);
        const t = catalogueMessages.translator(c.var.locale);
        const notice = c.req.query('saved')
          ? t('saved', { version: service.latestVersion })
          : c.req.query('published')
            ? t('published', { version: service.publishedVersion ?? 0 })
            : c.req.query('withdrawn')
              ? t('withdrawn')
              : undefined;
        return editService(c, service, notice);
      },
    },
    {
      method: 'POST',
      path: `${designerBase}/:slug`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const service = await designedService(c);
        const values = (await c.req.parseBody({ all: true })) as Record<string, string | string[]>;
        const { content, problems } = parseServiceContent(values);
        if (problems.length > 0) {
          const t = catalogueMessages.translator(c.var.locale);
          const current = await getServiceEntry(db, { id: service.id }, 'latest');
          return renderEditor(
            c,
            {
              title: t('editTitle', { service: pick(current?.content.name ?? content.name, c.var.locale) }),
              action: `${designerBase}/${service.slug}`,
              values,
              errors: translatedProblems(c.var.locale, problems),
              service,
              history: await withActorNames(db, c.var.locale, await listVersions(db, service.id)),
            },
            422,
          );
        }
        await saveVersion(db, actorRef(c), service, content);
        return c.redirect(`${designerBase}/${service.slug}?saved=1`, 303);
      },
    },
    {
      method: 'GET',
      path: `${designerBase}/:slug/preview`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const service = await designedService(c);
        const version = Number.parseInt(c.req.query('version') ?? '', 10);
        const entry = await getServiceEntry(
          db,
          { id: service.id },
          Number.isInteger(version) ? version : 'latest',
        );
        if (!entry) throw notFound();
        return renderServicePage(c, entry, (locale) => (
          <PreviewBanner locale={locale} service={service} version={entry.version} />
        ));
      },
    },
    {
      method: 'POST',
      path: `${designerBase}/:slug/publish`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const service = await designedService(c);
        const version = Number.parseInt(String((await c.req.parseBody()).version ?? ''), 10);
        // The version the designer saw on the page, so that a colleague's later save is not published unseen.
        if (!Number.isInteger(version) || version < 1 || version > service.latestVersion) throw notFound();
        await publishVersion(db, actorRef(c), service, version);
        return c.redirect(`${designerBase}/${service.slug}?published=1`, 303);
      },
    },
    {
      method: 'POST',
      path: `${designerBase}/:slug/withdraw`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const service = await designedService(c);
        await withdrawService(db, actorRef(c), service);
        return c.redirect(`${designerBase}/${service.slug}?withdrawn=1`, 303);
      },
    },
  ];
}
