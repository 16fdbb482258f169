import type { Child } from 'hono/jsx';
import { portalPaths } from '../http/identity-paths.ts';
import { Breadcrumbs, type Crumb } from './components/breadcrumbs.tsx';
import { Footer } from './components/footer.tsx';
import { Header, type NavItem } from './components/header.tsx';
import { SessionTimeoutDialog } from './components/session-timeout-dialog.tsx';
import { type PageContext, PageContextProvider } from './page-context.ts';

export interface PageOptions {
  title: string;
  breadcrumbs?: Crumb[];
  navigation?: NavItem[];
  /** Extra elements for <head>, e.g. alternate links or structured data. */
  head?: Child;
  /** Page-specific scripts (asset names), loaded in order after the shared one. */
  scripts?: string[];
}

/** Home, the catalogue, once logged in the person's space, and for staff the back office; the current one is marked. */
function defaultNavigation(page: PageContext): NavItem[] {
  const items: NavItem[] = [
    { label: page.t('navHome'), href: page.branding.homePath },
    { label: page.t('navServices'), href: portalPaths.services },
  ];
  if (page.actor) items.push({ label: page.t('navMySpace'), href: portalPaths.mySpace });
  if (page.actor?.staff) items.push({ label: page.t('navBackOffice'), href: portalPaths.backOffice });
  const path = page.currentUrl.split('?')[0] ?? '';
  // The back office's pages all sit under its home: the entry stays marked on them.
  return items.map((item) => ({
    ...item,
    current: item.href === path || (item.href === portalPaths.backOffice && path.startsWith(`${item.href}/`)),
  }));
}

const hexColour = /^#[0-9a-fA-F]{6}$/;

/** The frame of every page: skip link, branded header, breadcrumbs, main content, footer. */
export function Layout(props: { page: PageContext; options: PageOptions; children: Child }) {
  const { page, options } = props;
  const { branding } = page;
  const colours = [branding.primaryColour, branding.primaryTextColour, branding.accentColour];
  const brandCss = colours.every((c) => hexColour.test(c))
    ? `:root{--brand:${colours[0]};--brand-text:${colours[1]};--accent:${colours[2]}}`
    : '';
  return (
    <PageContextProvider.Provider value={page}>
      <html lang={page.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${options.title} – ${branding.name}`}</title>
          <link rel="stylesheet" href={page.asset('guichet.css')} />
          <style nonce={page.nonce}>{brandCss}</style>
          <script type="module" src={page.asset('guichet.js')} nonce={page.nonce} />
          {page.sessionTimeLeft && (
            <script type="module" src={page.asset('session-timeout.js')} nonce={page.nonce} />
          )}
          {(options.scripts ?? []).map((name) => (
            <script src={page.asset(name)} nonce={page.nonce} defer />
          ))}
          {options.head}
        </head>
        <body>
          <a class="skip-link" href="#main">
            {page.t('skipToContent')}
          </a>
          <Header navigation={options.navigation ?? defaultNavigation(page)} />
          <div class="container">
            <Breadcrumbs items={options.breadcrumbs ?? []} />
            <main id="main" tabindex={-1}>
              {props.children}
            </main>
          </div>
          <Footer />
          <SessionTimeoutDialog />
        </body>
      </html>
    </PageContextProvider.Provider>
  );
}
