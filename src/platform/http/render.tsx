import type { Child } from 'hono/jsx';
import type { Secrets } from '../crypto/secrets.ts';
import type { Locale } from '../i18n/locales.ts';
import { Layout, type PageOptions } from '../views/layout.tsx';
import { platformMessages } from '../views/messages.ts';
import { type Branding, type PageContext, PageContextProvider } from '../views/page-context.ts';
import type { AssetRegistry } from './assets.ts';
import type { RouteContext } from './route.ts';

export interface RenderOptions extends PageOptions {
  locale?: Locale;
  branding?: Branding;
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
  /** Only the body, without the layout: what a script asks for to update part of a page. */
  fragment?: boolean;
}

/** Renders `body` inside the layout, in the request's language and the page's authority's branding. */
export async function renderPage(
  c: RouteContext,
  assets: AssetRegistry,
  secrets: Secrets,
  options: RenderOptions,
  body: Child,
): Promise<Response> {
  const locale = options.locale ?? c.var.locale;
  const actor = c.var.actor;
  const page: PageContext = {
    locale,
    t: platformMessages.translator(locale),
    nonce: c.var.secureHeadersNonce ?? '',
    currentUrl: c.req.path + new URL(c.req.url).search,
    branding: options.branding ?? (await c.var.defaultBranding(locale)),
    asset: (name) => assets.url(name),
    csrfToken: () => c.var.session.csrfToken(secrets),
    actor:
      actor?.kind === 'person'
        ? {
            name: actor.displayName,
            accountName: actor.account.name,
            professional: actor.account.kind === 'professional',
            underMandate: Boolean(actor.mandate),
            staff: actor.staffRoles.length > 0 || actor.platformAdmin,
          }
        : undefined,
  };
  c.header('Content-Language', locale);
  if (options.fragment) {
    const part = <PageContextProvider.Provider value={page}>{body}</PageContextProvider.Provider>;
    return c.html(await part.toString(), options.status ?? 200);
  }
  const html = (
    <Layout page={page} options={options}>
      {body}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${await html.toString()}`, options.status ?? 200);
}
