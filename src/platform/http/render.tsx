import { randomBytes } from 'node:crypto';
import type { Child } from 'hono/jsx';
import type { Secrets } from '../crypto/secrets.ts';
import type { Locale } from '../i18n/locales.ts';
import { Layout, type PageOptions } from '../views/layout.tsx';
import { platformMessages } from '../views/messages.ts';
import { type Branding, type PageContext, PageContextProvider } from '../views/page-context.ts';
import type { AssetRegistry } from './assets.ts';
import { sessionTimeLeft } from './keep-alive.ts';
import type { RouteContext } from './route.ts';

export interface RenderOptions extends PageOptions {
  locale?: Locale;
  branding?: Branding;
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;
  /** Only the body, without the layout: what a script asks for to update part of a page. */
  fragment?: boolean;
  /**
   * The page is the same for every anonymous visitor for as long as this object (a snapshot the page
   * is made from, e.g. the authorities') is the current one: its HTML is then rendered once per
   * language and address and each response gets it with its own CSP nonce put in.
   */
  sharedWhile?: object;
}

/** Renders `body` inside the layout, in the request's language and the page's authority's branding. */
export async function renderPage(
  c: RouteContext,
  assets: AssetRegistry,
  secrets: Secrets,
  options: RenderOptions,
  body: Child,
): Promise<Response> {
  // `c.get`, not `c.var`: Hono copies every variable into a new object on each read of `c.var`.
  const locale = options.locale ?? c.get('locale');
  const actor = c.get('actor');
  const nonce = c.get('secureHeadersNonce') ?? '';
  const url = c.req.url;
  // Parsed only when the address has a query at all (the shared pages' case is without one).
  const search = url.includes('?') ? new URL(url).search : '';
  const status = options.status ?? 200;
  c.header('Content-Language', locale);
  // Only anonymous visitors on a plain address share a page: a query string is the visitor's to choose.
  const shared = options.sharedWhile && !actor && !options.fragment && !search ? options.sharedWhile : null;
  const key = `${locale} ${status} ${c.req.path}`;
  const kept = shared ? sharedPages.get(shared)?.get(key) : undefined;
  if (kept) return c.body(kept.withNonce(nonce), status, htmlType);

  let personal = false;
  let token: string | undefined; // one HMAC per page, however many forms carry it
  const page: PageContext = {
    locale,
    t: platformMessages.translator(locale),
    nonce: shared ? noncePlaceholder : nonce,
    currentUrl: c.req.path + search,
    branding: options.branding ?? (await c.get('defaultBranding')(locale)),
    asset: (name) => assets.url(name),
    csrfToken: () => {
      personal = true; // bound to the visitor's session: such a page is never shared
      token ??= c.get('session').csrfToken(secrets);
      return token;
    },
    sessionTimeLeft: actor?.kind === 'person' ? sessionTimeLeft(c.get('session')) : undefined,
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
  if (options.fragment) {
    const part = <PageContextProvider.Provider value={page}>{body}</PageContextProvider.Provider>;
    return c.html(await part.toString(), status);
  }
  const html = (
    <Layout page={page} options={options}>
      {body}
    </Layout>
  );
  const text = `<!DOCTYPE html>${await html.toString()}`;
  if (!shared) return c.html(text, status);
  const made = new SharedPage(text.split(noncePlaceholder));
  if (!personal) keep(shared, key, made);
  return c.body(made.withNonce(nonce), status, htmlType);
}

/** Stands for the nonce in a shared page's HTML; random, so that no content can contain it by chance. */
const noncePlaceholder = randomBytes(18).toString('base64url');
/** Shared pages by snapshot: a new snapshot starts afresh and the old one's pages go with it. */
const sharedPages = new WeakMap<object, Map<string, SharedPage>>();
/** Addresses are the routes' own (a page for an unknown one is an error), but a bound costs nothing. */
const maxSharedPerSnapshot = 256;

function keep(snapshot: object, key: string, page: SharedPage): void {
  const pages = sharedPages.get(snapshot) ?? new Map<string, SharedPage>();
  sharedPages.set(snapshot, pages);
  if (pages.size < maxSharedPerSnapshot) pages.set(key, page);
}

const htmlType = { 'Content-Type': 'text/html; charset=UTF-8' };

/**
 * A shared page kept encoded: each response copies its bytes around the request's nonce (base64,
 * ASCII) instead of encoding the whole text to UTF-8 again.
 */
class SharedPage {
  private readonly parts: Uint8Array[];
  private readonly length: number;

  constructor(parts: string[]) {
    this.parts = parts.map((part) => utf8.encode(part));
    this.length = this.parts.reduce((sum, part) => sum + part.length, 0);
  }

  withNonce(nonce: string): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(this.length + (this.parts.length - 1) * nonce.length);
    let offset = 0;
    this.parts.forEach((part, i) => {
      if (i > 0) offset += utf8.encodeInto(nonce, out.subarray(offset)).written;
      out.set(part, offset);
      offset += part.length;
    });
    return out;
  }
}

const utf8 = new TextEncoder();
