import { getCookie, setCookie } from 'hono/cookie';
import { raw } from 'hono/html';
import * as client from 'openid-client';
import type { RouteContext } from '../../platform/http/route.ts';
import type { GuichetModule } from '../../platform/module.ts';
import { frameFragment } from './frame-cache.ts';
import * as tables from './migrations/2026-12-01-70-integration-sion-app-simulator.ts';
import { type SignedIn, sessionOf, settingsOf, signIn, startLogin } from './store.ts';

const base = '/simulators/sion-app';
const cookie = 'sion_app_session';

/** The OpenID configuration of Guichet as this application's provider, discovered once. */
let discovered: { key: string; configuration: client.Configuration } | undefined;
async function provider(settings: { guichet_url: string; client_id: string; client_secret: string }) {
  const key = `${settings.guichet_url} ${settings.client_id}`;
  if (discovered?.key !== key) {
    const insecure = settings.guichet_url.startsWith('http://');
    discovered = {
      key,
      configuration: await client.discovery(
        new URL(settings.guichet_url),
        settings.client_id,
        settings.client_secret,
        undefined,
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      ),
    };
  }
  return discovered.configuration;
}

/** The application's page inside Guichet's frame: header and footer included server-side. */
async function page(c: RouteContext, guichetUrl: string, body: string) {
  const frame = (part: string) => frameFragment(`${guichetUrl}/frame/v1/sion/${part}?lang=fr`);
  const [header, footer] = await Promise.all([frame('header'), frame('footer')]);
  return c.html(
    raw(`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Macarons de stationnement – Ville de Sion</title>
<link rel="stylesheet" href="${guichetUrl}/frame/v1/sion/frame.css"></head>
<body>${header}<main id="main" class="container">${body}</main>${footer}</body></html>`),
  );
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function whoIsSignedIn(claims: SignedIn): string {
  const acting = claims.actingFor;
  const context = !acting
    ? ''
    : acting.mandate
      ? `<p>Vous agissez pour <strong>${escapeHtml(acting.name)}</strong>, en vertu d’un mandat (${escapeHtml(acting.mandate.themes.join(', '))}).</p>`
      : `<p>Vous agissez pour votre compte ${acting.kind === 'professional' ? 'professionnel' : 'personnel'} : <strong>${escapeHtml(acting.name)}</strong>.</p>`;
  return `<h1>Macarons de stationnement</h1><p>Bonjour ${escapeHtml(claims.name)}.</p>${context}
<p>Vous n’avez aucun macaron en cours. La demande en ligne ouvrira prochainement.</p>`;
}

/**
 * A sample of an authority's own web application (Sion's parking permits): Guichet's header, footer
 * and colours come from the visual frame, and people sign in through Guichet's OpenID provider —
 * once logged in to the portal they are not asked again — with the account or mandate they act under.
 */
export const sionAppSimulator: GuichetModule = {
  name: 'sion-app-simulator',
  migrations: { '2026-12-01-70-integration-sion-app-simulator': tables },
  routes: (platform) => {
    const { db } = platform;
    return [
      {
        method: 'GET',
        path: base,
        access: 'anonymous',
        async handler(c) {
          const settings = await settingsOf(db);
          if (!settings) return c.text('The sample application is not connected to Guichet yet.', 503);
          const session = await sessionOf(db, getCookie(c, cookie) ?? '');
          return page(
            c,
            settings.guichet_url,
            session?.claims
              ? whoIsSignedIn(session.claims)
              : `<h1>Macarons de stationnement</h1><p>Demandez et gérez vos macarons de stationnement de la Ville de Sion.</p>
<p><a class="button button--primary" href="${base}/login">Se connecter avec le guichet</a></p>`,
          );
        },
      },
      {
        method: 'GET',
        path: `${base}/login`,
        access: 'anonymous',
        async handler(c) {
          const settings = await settingsOf(db);
          if (!settings) return c.redirect(base, 303);
          const pending = {
            state: client.randomState(),
            nonce: client.randomNonce(),
            verifier: client.randomPKCECodeVerifier(),
          };
          const id = await startLogin(db, pending);
          setCookie(c, cookie, id, { httpOnly: true, sameSite: 'Lax', path: base });
          const url = client.buildAuthorizationUrl(await provider(settings), {
            redirect_uri: `${settings.guichet_url}${base}/callback`,
            scope: 'openid profile acting',
            code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
            code_challenge_method: 'S256',
            state: pending.state,
            nonce: pending.nonce,
          });
          return c.redirect(url.href, 302);
        },
      },
      {
        method: 'GET',
        path: `${base}/callback`,
        access: 'anonymous',
        async handler(c) {
          const settings = await settingsOf(db);
          const id = getCookie(c, cookie) ?? '';
          const pending = (await sessionOf(db, id))?.pending;
          if (!settings || !pending) return c.redirect(base, 303);
          const configuration = await provider(settings);
          const tokens = await client.authorizationCodeGrant(
            configuration,
            new URL(`${settings.guichet_url}${c.req.path}${new URL(c.req.url).search}`),
            {
              pkceCodeVerifier: pending.verifier,
              expectedState: pending.state,
              expectedNonce: pending.nonce,
            },
          );
          const sub = tokens.claims()?.sub ?? '';
          const info = await client.fetchUserInfo(configuration, tokens.access_token, sub);
          const acting = info.acting_for as
            | { kind: string; name: string; mandate?: { id: string; themes: string[] } }
            | undefined;
          await signIn(db, id, {
            name: `${info.given_name ?? ''} ${info.family_name ?? ''}`.trim(),
            ...(acting && { actingFor: acting }),
          });
          return c.redirect(base, 303);
        },
      },
    ];
  },
};

export { provisionSionApp, settingsOf as sionAppSettings } from './store.ts';
