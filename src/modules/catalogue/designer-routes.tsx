import { notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { withActorNames } from '../identity/index.ts';
import { createDesignedService } from './create-designed-service.ts';
import { actorRef, designedBy, designedService } from './designer-access.ts';
import { catalogueMessages } from './messages.ts';
import { authorityNames } from './portal-context.ts';
import { renderServicePage } from './render-service-page.tsx';
import { parseServiceContent } from './service-content.ts';
import { editService, renderEditor, translatedProblems } from './service-editor.tsx';
import {
  getServiceEntry,
  listServicesOf,
  listVersions,
  publishVersion,
  saveVersion,
  withdrawService,
} from './services.ts';
import { DesignerListPage, designerBase } from './views/designer-pages.tsx';
import { PreviewBanner } from './views/draft-journey.tsx';

/** The designers' back office: their services, new ones, drafts, previews, publication and withdrawal. */
export function designerRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    {
      method: 'GET',
      path: designerBase,
      access: 'staff',
      async handler(c) {
        const authorities = await designedBy(db, c);
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
            authorityName={await authorityNames(db, c.var.locale)}
          />,
        );
      },
    },
    {
      method: 'GET',
      path: `${designerBase}/new`,
      access: 'staff',
      async handler(c) {
        const authorities = await designedBy(db, c);
        if (authorities.length === 0) throw notFound();
        return renderEditor(platform, c, {
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
        const authorities = await designedBy(db, c);
        if (authorities.length === 0) throw notFound();
        const values = (await c.req.parseBody({ all: true })) as Record<string, string | string[]>;
        const result = await createDesignedService(db, actorRef(c), authorities, values);
        if (result.created) return c.redirect(`${designerBase}/${result.slug}?saved=1`, 303);
        const t = catalogueMessages.translator(c.var.locale);
        const errors = translatedProblems(c.var.locale, result.problems);
        return renderEditor(
          platform,
          c,
          { title: t('newService'), action: `${designerBase}/new`, values, errors, authorities },
          422,
        );
      },
    },
    {
      method: 'GET',
      path: `${designerBase}/:slug`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const service = await designedService(db, c);
        const t = catalogueMessages.translator(c.var.locale);
        const notice = c.req.query('saved')
          ? t('saved', { version: service.latestVersion })
          : c.req.query('published')
            ? t('published', { version: service.publishedVersion ?? 0 })
            : c.req.query('withdrawn')
              ? t('withdrawn')
              : undefined;
        return editService(platform, c, service, notice);
      },
    },
    {
      method: 'POST',
      path: `${designerBase}/:slug`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const service = await designedService(db, c);
        const values = (await c.req.parseBody({ all: true })) as Record<string, string | string[]>;
        const { content, problems } = parseServiceContent(values);
        if (problems.length > 0) {
          const t = catalogueMessages.translator(c.var.locale);
          const current = await getServiceEntry(db, { id: service.id }, 'latest');
          return renderEditor(
            platform,
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
        const service = await designedService(db, c);
        const version = Number.parseInt(c.req.query('version') ?? '', 10);
        const entry = await getServiceEntry(
          db,
          { id: service.id },
          Number.isInteger(version) ? version : 'latest',
        );
        if (!entry) throw notFound();
        return renderServicePage(platform, c, entry, (locale) => (
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
        const service = await designedService(db, c);
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
        const service = await designedService(db, c);
        await withdrawService(db, actorRef(c), service);
        return c.redirect(`${designerBase}/${service.slug}?withdrawn=1`, 303);
      },
    },
  ];
}
