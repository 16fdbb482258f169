import { createContext, useContext } from 'hono/jsx';
import type { Locale } from '../i18n/locales.ts';
import { type PlatformTranslate, platformMessages } from './messages.ts';

/** How a page looks for the authority it belongs to (the canton's portal or a commune's). */
export interface Branding {
  name: string;
  homePath: string;
  logoUrl: string | undefined;
  primaryColour: string;
  primaryTextColour: string;
  accentColour: string;
  /** Footer line: who runs the portal. */
  operatorName: string;
  /** The contact page of the authority whose pages these are (the canton's on shared pages). */
  contactPath: string;
}

/** What every view may need about the request it renders; set once by the layout's provider. */
export interface PageContext {
  locale: Locale;
  t: PlatformTranslate;
  nonce: string;
  /** The current path with its query, for the language switch and `return` links. */
  currentUrl: string;
  branding: Branding;
  asset(name: string): string;
  csrfToken(): string;
  /**
   * For a logged-in person's page: when their session ends, for the time-out warning (a placeholder
   * in a page kept for the session, filled at each response).
   */
  sessionTimeLeft?: { idleSeconds: number | string; absoluteSeconds: number | string };
  /** Who is logged in and which account they are using, shown in every page's header. */
  actor:
    | {
        name: string;
        accountName: string;
        professional: boolean;
        underMandate: boolean;
        /** Holds a staff role or is a platform admin: the header leads to the back office. */
        staff?: boolean;
      }
    | undefined;
}

export const PageContextProvider = createContext<PageContext | null>(null);

export function usePage(): PageContext {
  const page = useContext(PageContextProvider);
  if (!page) throw new Error('A component was rendered outside a page');
  return page;
}

/** A page context for component previews and tests, with the canton's default look. */
export function examplePageContext(locale: Locale = 'fr'): PageContext {
  return {
    locale,
    t: platformMessages.translator(locale),
    nonce: 'example-nonce',
    currentUrl: '/',
    branding: {
      name: 'Canton du Valais',
      homePath: '/',
      logoUrl: undefined,
      primaryColour: '#b4001e',
      primaryTextColour: '#ffffff',
      accentColour: '#1d1d1b',
      operatorName: 'Canton du Valais',
      contactPath: '/authorities/valais/contact',
    },
    asset: (name) => `/assets/${name}`,
    csrfToken: () => 'example-token',
    actor: undefined,
  };
}
