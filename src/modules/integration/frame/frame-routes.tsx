import { createHash } from 'node:crypto';
import type { Child } from 'hono/jsx';
import { notFound } from '../../../platform/http/http-error.ts';
import { portalPaths } from '../../../platform/http/identity-paths.ts';
import type { RouteContext, RouteDef } from '../../../platform/http/route.ts';
import { isLocale, type Locale } from '../../../platform/i18n/locales.ts';
import type { Platform } from '../../../platform/module.ts';
import { Footer } from '../../../platform/views/components/footer.tsx';
import { Header } from '../../../platform/views/components/header.tsx';
import { platformMessages } from '../../../platform/views/messages.ts';
import { type PageContext, PageContextProvider } from '../../../platform/views/page-context.ts';
import { brandingOf, getAuthorityBySlug, getCanton } from '../../authorities/index.ts';
import { frameScript } from './frame-script.ts';

const none = {
  none: 'public frame of an authority, the same for everyone (docs/frame-and-single-sign-on.md)',
};
/** An hour in caches, a day stale while revalidating: a new colour shows within the hour. */
const cacheable = 'public, max-age=3600, stale-while-revalidate=86400';
const hexColour = /^#[0-9a-fA-F]{6}$/;

/**
 * Guichet's header, footer and colours for an authority's own web application: fragments the same
 * for every visitor (no session is read, so that any cache may keep them), every link absolute, and
 * a script for applications that prefer to include them in the browser.
 */
export function frameRoutes(platform: Platform): RouteDef[] {
  const { db, config } = platform;
  const origin = config.publicUrl;
  const absolute = (html: string) => html.replace(/(href|src)="\//g, `$1="${origin}/`);

  async function frameOf(c: RouteContext) {
    const authority = await getAuthorityBySlug(db, c.req.param('slug') ?? '');
    const canton = await getCanton(db);
    if (!authority || !canton) throw notFound();
    const lang = c.req.query('lang');
    const locale: Locale = isLocale(lang) ? lang : (authority.languages[0] ?? 'fr');
    return { locale, branding: brandingOf(authority, canton, locale, platform.assets) };
  }

  /** The same answer for everyone, with an ETag, open to other origins (no credentials involved). */
  function answer(c: RouteContext, body: string, type: string, locale?: Locale) {
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    c.header('Cache-Control', cacheable);
    c.header('ETag', etag);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Vary', 'Accept-Encoding');
    if (locale) c.header('Content-Language', locale);
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
    return c.body(body, 200, { 'Content-Type': type });
  }

  async function fragment(c: RouteContext, part: (page: PageContext) => Child) {
    const { locale, branding } = await frameOf(c);
    const page: PageContext = {
      locale,
      t: platformMessages.translator(locale),
      nonce: '',
      currentUrl: branding.homePath,
      branding,
      asset: (name) => platform.assets.url(name),
      csrfToken: () => '',
      // Nobody: the fragment is shared by all; the application shows its own user (from the ID token).
      actor: undefined,
    };
    const html = await (
      <PageContextProvider.Provider value={page}>{part(page)}</PageContextProvider.Provider>
    ).toString();
    return answer(c, absolute(html), 'text/html; charset=utf-8', locale);
  }

  return [
    {
      method: 'GET',
      path: '/frame/v1/:slug/header',
      access: 'anonymous',
      object: none,
      handler: (c) =>
        fragment(c, (page) => (
          <Header
            navigation={[
              { label: page.t('navHome'), href: page.branding.homePath },
              { label: page.t('navServices'), href: portalPaths.services },
              { label: page.t('navMySpace'), href: portalPaths.mySpace },
            ]}
          />
        )),
    },
    {
      method: 'GET',
      path: '/frame/v1/:slug/footer',
      access: 'anonymous',
      object: none,
      handler: (c) => fragment(c, () => <Footer />),
    },
    {
      method: 'GET',
      path: '/frame/v1/:slug/frame.css',
      access: 'anonymous',
      object: none,
      async handler(c) {
        const { branding } = await frameOf(c);
        const colours = [branding.primaryColour, branding.primaryTextColour, branding.accentColour];
        const css = [
          `@import url("${origin}${platform.assets.url('guichet.css')}");`,
          colours.every((colour) => hexColour.test(colour))
            ? `:root{--brand:${colours[0]};--brand-text:${colours[1]};--accent:${colours[2]}}`
            : '',
        ].join('\n');
        return answer(c, css, 'text/css; charset=utf-8');
      },
    },
    {
      method: 'GET',
      path: '/frame/v1/frame.js',
      access: 'anonymous',
      handler: (c) => answer(c, frameScript(origin), 'text/javascript; charset=utf-8'),
    },
  ];
}
