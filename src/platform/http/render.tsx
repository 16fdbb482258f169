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
  /**
   * The page depends only on what the session's reads depend on (its actor's scopes, ADR 32), the
   * address and the language: it is kept for the session and sent again while none of that changed
   * (at most a minute, for what it says about time), see `keptPage`.
   */
  keptForSession?: boolean;
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
  const search = searchOf(c);
  const status = options.status ?? 200;
  c.header('Content-Language', locale);
  // Only anonymous visitors on a plain address share a page: a query string is the visitor's to choose.
  const shared = options.sharedWhile && !actor && !options.fragment && !search ? options.sharedWhile : null;
  const key = `${locale} ${status} ${c.req.path}`;
  const kept = shared ? sharedPages.get(shared)?.get(key) : undefined;
  if (kept) return c.body(kept.fill([nonce]), status, htmlType);
  const session = c.get('session');
  const forSession =
    options.keptForSession && actor?.kind === 'person' && !options.fragment && status === 200;
  const timeLeft = actor?.kind === 'person' ? sessionTimeLeft(session) : undefined;

  let personal = false;
  let token: string | undefined; // one HMAC per page, however many forms carry it
  const page: PageContext = {
    locale,
    t: platformMessages.translator(locale),
    nonce: shared || forSession ? noncePlaceholder : nonce,
    currentUrl: c.req.path + search,
    branding: options.branding ?? (await c.get('defaultBranding')(locale)),
    asset: (name) => assets.url(name),
    csrfToken: () => {
      personal = true; // bound to the visitor's session: such a page is never shared
      token ??= session.csrfToken(secrets);
      return token;
    },
    sessionTimeLeft:
      forSession && timeLeft
        ? { idleSeconds: idlePlaceholder, absoluteSeconds: absolutePlaceholder }
        : timeLeft,
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
  if (forSession) {
    const made = new FilledPage(text, sessionPlaceholders);
    session.keepPage(sessionPageKey(c, locale), made);
    return c.body(made.fill(sessionValues(nonce, timeLeft)), status, htmlType);
  }
  if (!shared) return c.html(text, status);
  const made = new FilledPage(text, [noncePlaceholder]);
  if (!personal) keep(shared, key, made);
  return c.body(made.fill([nonce]), status, htmlType);
}

/**
 * The page rendered with `keptForSession` for this session, address and language, when nothing it
 * depends on changed since: the handler can answer with it before reading anything.
 */
export function keptPage(c: RouteContext): Response | undefined {
  const session = c.get('session');
  const locale = c.get('locale');
  const page = session.keptPage<FilledPage>(sessionPageKey(c, locale));
  if (!page) return undefined;
  c.header('Content-Language', locale);
  return c.body(
    page.fill(sessionValues(c.get('secureHeadersNonce') ?? '', sessionTimeLeft(session))),
    200,
    htmlType,
  );
}

/** What a page kept for a session is kept under: its address, language and minute (for what it says of time). */
function sessionPageKey(c: RouteContext, locale: string): string {
  return `${locale} ${c.req.path}${searchOf(c)} ${Math.floor(c.get('session').now.getTime() / 60_000)}`;
}

/** The address's query, parsed only when it has one at all (shared pages are without). */
function searchOf(c: RouteContext): string {
  const url = c.req.url;
  return url.includes('?') ? new URL(url).search : '';
}

function sessionValues(nonce: string, timeLeft: ReturnType<typeof sessionTimeLeft>): string[] {
  return [nonce, String(timeLeft?.idleSeconds ?? ''), String(timeLeft?.absoluteSeconds ?? '')];
}

/** Stand for the nonce and the time left in a kept page's HTML; random, so that no content can contain them by chance. */
const noncePlaceholder = randomBytes(18).toString('base64url');
const idlePlaceholder = randomBytes(18).toString('base64url');
const absolutePlaceholder = randomBytes(18).toString('base64url');
const sessionPlaceholders = [noncePlaceholder, idlePlaceholder, absolutePlaceholder];
/** Shared pages by snapshot: a new snapshot starts afresh and the old one's pages go with it. */
const sharedPages = new WeakMap<object, Map<string, FilledPage>>();
/** Addresses are the routes' own (a page for an unknown one is an error), but a bound costs nothing. */
const maxSharedPerSnapshot = 256;

function keep(snapshot: object, key: string, page: FilledPage): void {
  const pages = sharedPages.get(snapshot) ?? new Map<string, FilledPage>();
  sharedPages.set(snapshot, pages);
  if (pages.size < maxSharedPerSnapshot) pages.set(key, page);
}

const htmlType = { 'Content-Type': 'text/html; charset=UTF-8' };

/**
 * A page kept encoded, with placeholders: each response copies its bytes around the values put in
 * (ASCII: a nonce, numbers) instead of encoding the whole text to UTF-8 again.
 */
class FilledPage {
  private readonly parts: Uint8Array[] = [];
  /** Which value goes after each part but the last. */
  private readonly slots: number[] = [];
  private readonly length: number;

  constructor(text: string, placeholders: string[]) {
    const pattern = new RegExp(placeholders.join('|'), 'g');
    let from = 0;
    for (const match of text.matchAll(pattern)) {
      this.parts.push(utf8.encode(text.slice(from, match.index)));
      this.slots.push(placeholders.indexOf(match[0]));
      from = match.index + match[0].length;
    }
    this.parts.push(utf8.encode(text.slice(from)));
    this.length = this.parts.reduce((sum, part) => sum + part.length, 0);
  }

  /** The values are ASCII (a nonce, numbers): written as Latin-1, byte for character. */
  fill(values: string[]): Buffer<ArrayBuffer> {
    let extra = 0;
    for (const slot of this.slots) extra += values[slot]?.length ?? 0;
    const out = Buffer.allocUnsafe(this.length + extra) as Buffer<ArrayBuffer>;
    let offset = 0;
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i] as Uint8Array;
      out.set(part, offset);
      offset += part.length;
      const slot = this.slots[i];
      if (slot !== undefined) offset += out.write(values[slot] ?? '', offset, 'latin1');
    }
    return out;
  }
}

const utf8 = new TextEncoder();
