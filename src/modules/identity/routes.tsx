import { atLeast, isAssuranceLevel } from '../../platform/http/assurance-level.ts';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import { identityPaths } from '../../platform/http/identity-paths.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { endSessionsContaining } from '../../platform/http/session.ts';
import type { Platform } from '../../platform/module.ts';
import { devIdpRoutes } from './dev-idp/routes.tsx';
import { eidRoutes } from './eid/eid-routes.tsx';
import { loadIdentityProviders } from './identity-providers.ts';
import { type LoginFailure, localRoutes } from './local-routes.tsx';
import { logIn } from './log-in.ts';
import { identityMessages } from './messages.ts';
import { mobileRoutes } from './mobile-routes.tsx';
import { type LoginResult, OidcRelyingParty, type PendingLogin } from './oidc-login.ts';
import { passkeyRoutes } from './passkey-routes.ts';
import {
  createPersonWithLink,
  type FirstLogin,
  findLink,
  getPerson,
  linkIdentity,
  listLinks,
  unlinkIdentity,
} from './persons.ts';
import { demandRecentLogin } from './recent-login.ts';
import { registerRoutes } from './register-routes.tsx';
import { safeReturn } from './safe-return.ts';
import { sessionAuth } from './session-login.ts';
import { sessionRoutes } from './session-routes.tsx';
import { redirectLoginPerAddress } from './throttles.ts';
import { IdentitiesPage } from './views/identities-page.tsx';
import { LocalLoginForm } from './views/local-forms.tsx';
import { LoginPage } from './views/login-page.tsx';
import { ProfilePage } from './views/profile-page.tsx';

const PENDING = 'pendingLogin';
/** The WebAuthn browser library, then our buttons: only on the pages that offer passkeys. */
const passkeyScripts = ['identity/webauthn.js', 'identity/passkeys.js'];

export function identityRoutes(platform: Platform, firstLogin: FirstLogin): RouteDef[] {
  const { db, config } = platform;
  const providers = loadIdentityProviders(config, platform.secrets);
  const parties = new Map(
    providers.map((p) => [p.id, new OidcRelyingParty(p, `${config.publicUrl}/login/oidc/${p.id}/callback`)]),
  );
  const party = (c: RouteContext) => {
    const found = parties.get(c.req.param('provider') ?? '');
    if (!found) throw notFound();
    return found;
  };

  /** The login page, also shown again with the errors of a failed e-mail and password attempt. */
  function renderLogin(c: RouteContext, failure?: LoginFailure) {
    const t = identityMessages.translator(c.var.locale);
    const level = c.req.query('level');
    const wanted = isAssuranceLevel(level) ? level : undefined;
    const returnTo = failure?.returnTo ?? safeReturn(c.req.query('return'));
    const { errors = [], email = '', status = 200 } = failure ?? {};
    return platform.render(
      c,
      { title: t('loginTitle'), status, scripts: passkeyScripts },
      <LoginPage
        locale={c.var.locale}
        providers={providers}
        returnTo={returnTo}
        level={wanted}
        failed={c.req.query('failed') === '1'}
        eid={Boolean(config.swiyu.verifier)}
      >
        {(!wanted || atLeast('substantial', wanted)) && (
          <LocalLoginForm locale={c.var.locale} returnTo={returnTo} email={email} errors={errors} />
        )}
      </LoginPage>,
    );
  }

  async function completeLogin(c: RouteContext, result: LoginResult, pending: PendingLogin) {
    const current = sessionAuth(c.var.session);
    const linkData = { provider: pending.provider, subject: result.subject, level: result.level };
    if (pending.link && current) {
      try {
        await linkIdentity(db, current.personId, linkData);
      } catch (error) {
        if (error instanceof HttpError && error.code === 'identity_linked_elsewhere')
          return c.redirect('/profile/identities?error=elsewhere', 303);
        throw error;
      }
      return c.redirect('/profile/identities?linked=1', 303);
    }
    // A subject seen for the first time is a new person, with this means as their first.
    const created = (await findLink(db, linkData.provider, linkData.subject))
      ? undefined
      : await createPersonWithLink(db, result.claims, linkData);
    await logIn(c, db, { ...linkData, idToken: result.idToken, sid: result.sid });
    // After logIn, which opens their account: what waited for them can now be announced there.
    if (created) await firstLogin(db, created.person);
    return c.redirect(pending.returnTo, 303);
  }

  return [
    ...(config.demo ? devIdpRoutes(platform) : []),
    { method: 'GET', path: identityPaths.login, access: 'anonymous', handler: (c) => renderLogin(c) },
    ...localRoutes(platform, renderLogin),
    ...sessionRoutes(platform),
    ...registerRoutes(platform),
    ...passkeyRoutes(platform),
    ...mobileRoutes(platform),
    ...eidRoutes(platform, firstLogin),
    {
      method: 'GET',
      path: '/profile',
      access: 'person',
      // The AVS number is shown here: only to a session at the highest level.
      level: 'high',
      async handler(c) {
        const person = await getPerson(db, loggedInPerson(c).id);
        if (!person) throw notFound();
        const t = identityMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('profileTitle') },
          <ProfilePage locale={c.var.locale} person={person} />,
        );
      },
    },
    {
      method: 'GET',
      path: '/login/oidc/:provider',
      access: 'anonymous',
      object: { none: 'logging in through an identity provider: no object yet' },
      rateLimit: redirectLoginPerAddress,
      async handler(c) {
        const level = c.req.query('level');
        const rp = party(c);
        let started: Awaited<ReturnType<typeof rp.start>>;
        try {
          started = await rp.start({
            returnTo: safeReturn(c.req.query('return')),
            link: c.req.query('link') === '1' && Boolean(sessionAuth(c.var.session)),
            level: isAssuranceLevel(level) ? level : undefined,
          });
        } catch (error) {
          // The provider unreachable (its discovery document): the other ways in still work.
          c.var.log.warn({ err: error, provider: rp.provider.id }, 'identity provider unavailable');
          return c.redirect(`${identityPaths.login}?failed=1`, 303);
        }
        const { url, pending } = started;
        c.var.session.set(PENDING, pending);
        return c.redirect(url, 302);
      },
    },
    {
      method: 'GET',
      path: '/login/oidc/:provider/callback',
      access: 'anonymous',
      object: { none: 'logging in through an identity provider: no object yet' },
      rateLimit: redirectLoginPerAddress,
      async handler(c) {
        const rp = party(c);
        const pending = c.var.session.get<PendingLogin>(PENDING);
        c.var.session.delete(PENDING); // one use only, whatever happens next
        if (!pending || pending.provider !== rp.provider.id)
          return c.redirect(`${identityPaths.login}?failed=1`, 303);
        let result: LoginResult;
        try {
          result = await rp.finish(
            new URL(c.req.path + new URL(c.req.url).search, config.publicUrl),
            pending,
          );
        } catch (error) {
          c.var.log.warn({ err: error, provider: rp.provider.id }, 'login failed');
          return c.redirect(`${identityPaths.login}?failed=1`, 303);
        }
        return completeLogin(c, result, pending);
      },
    },
    {
      // The provider tells us, server to server, that a person logged out there: end their sessions here.
      method: 'POST',
      path: '/login/oidc/:provider/backchannel-logout',
      access: 'machine',
      object: { none: 'a logout token signed by the identity provider' },
      async handler(c) {
        const rp = party(c);
        c.header('Cache-Control', 'no-store');
        const token = String((await c.req.parseBody()).logout_token ?? '');
        const claims = token ? await rp.verifyLogoutToken(token) : undefined;
        if (!claims) return c.json({ error: 'invalid_request' }, 400);
        const provider = rp.provider.id;
        if (claims.sid) await endSessionsContaining(db, { auth: { provider, sid: claims.sid } });
        const link = claims.sub ? await findLink(db, provider, claims.sub) : undefined;
        if (link && !claims.sid)
          await endSessionsContaining(db, { auth: { provider, personId: link.person_id } });
        return c.body(null, 200);
      },
    },
    {
      method: 'POST',
      path: identityPaths.logout,
      access: 'anonymous',
      async handler(c) {
        const auth = sessionAuth(c.var.session);
        c.var.session.destroy();
        const rp = auth && parties.get(auth.provider);
        const external =
          rp && (await rp.logoutUrl(auth.idToken, `${config.publicUrl}/`).catch(() => undefined));
        return c.redirect(external ?? '/', 303);
      },
    },
    {
      method: 'GET',
      path: '/profile/identities',
      access: 'person',
      async handler(c) {
        const t = identityMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('identitiesTitle'), scripts: passkeyScripts },
          <IdentitiesPage
            locale={c.var.locale}
            links={await listLinks(db, loggedInPerson(c).id)}
            providers={providers}
            notice={
              c.req.query('linked')
                ? 'linked'
                : c.req.query('removed')
                  ? 'removed'
                  : c.req.query('error') === 'elsewhere'
                    ? 'elsewhere'
                    : c.req.query('error') === 'last'
                      ? 'last'
                      : undefined
            }
          />,
        );
      },
    },
    {
      method: 'POST',
      path: '/profile/identities/:link/remove',
      access: 'person',
      object: { none: 'the person’s own sign-in means, selected by their own id' },
      async handler(c) {
        const stale = demandRecentLogin(c, platform.now(), '/profile/identities');
        if (stale) return stale;
        try {
          await unlinkIdentity(db, loggedInPerson(c).id, c.req.param('link') ?? '');
        } catch (error) {
          if (error instanceof HttpError && error.code === 'last_identity')
            return c.redirect('/profile/identities?error=last', 303);
          throw error;
        }
        return c.redirect('/profile/identities?removed=1', 303);
      },
    },
  ];
}
