import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { HttpError } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { logIn } from './log-in.ts';
import {
  authenticateWithPasskey,
  authenticationOptions,
  passkeyLevel,
  registerPasskey,
  registrationOptions,
  relyingParty,
} from './passkeys.ts';
import { getPerson, personName } from './persons.ts';
import { demandRecentLogin } from './recent-login.ts';
import { safeReturn } from './safe-return.ts';
import { loginPerAddress } from './throttles.ts';

const CHALLENGE = 'passkeyChallenge';

/** Passkeys (WebAuthn): added by a logged-in person, then usable alone to log in. JSON, for passkeys.js. */
export function passkeyRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const rp = relyingParty(platform.config.publicUrl);
  return [
    {
      method: 'POST',
      path: '/profile/passkeys/options',
      access: 'person',
      async handler(c) {
        const stale = demandRecentLogin(c, platform.now(), '/profile/identities');
        if (stale) return stale;
        const person = await getPerson(db, loggedInPerson(c).id);
        if (!person) throw new HttpError(401, 'unauthenticated');
        const options = await registrationOptions(db, rp, {
          id: person.id,
          name: person.email ?? personName(person),
        });
        c.var.session.set(CHALLENGE, options.challenge);
        return c.json(options);
      },
    },
    {
      method: 'POST',
      path: '/profile/passkeys',
      access: 'person',
      async handler(c) {
        const personId = loggedInPerson(c).id;
        const challenge = c.var.session.get<string>(CHALLENGE);
        c.var.session.delete(CHALLENGE);
        if (!challenge) throw new HttpError(400, 'bad_request');
        const answer = (await c.req.json().catch(() => undefined)) as RegistrationResponseJSON | undefined;
        if (!answer) throw new HttpError(422, 'passkey_not_verified');
        const ok = await registerPasskey(db, rp, personId, challenge, answer);
        if (!ok) throw new HttpError(422, 'passkey_not_verified');
        return c.json({ redirect: '/profile/identities?linked=1' });
      },
    },
    {
      method: 'POST',
      path: '/login/passkey/options',
      access: 'anonymous',
      rateLimit: loginPerAddress,
      async handler(c) {
        const options = await authenticationOptions(rp);
        c.var.session.set(CHALLENGE, options.challenge);
        return c.json(options);
      },
    },
    {
      method: 'POST',
      path: '/login/passkey',
      access: 'anonymous',
      rateLimit: loginPerAddress,
      async handler(c) {
        const challenge = c.var.session.get<string>(CHALLENGE);
        c.var.session.delete(CHALLENGE); // a challenge answers once
        // A body that is not JSON, or names no response, fails like a wrong answer.
        const body = (await c.req.json().catch(() => ({}))) as {
          response?: AuthenticationResponseJSON;
          returnTo?: string;
        };
        const found =
          challenge && body.response && (await authenticateWithPasskey(db, rp, challenge, body.response));
        if (!found) throw new HttpError(401, 'unauthenticated');
        await logIn(c, db, { provider: 'passkey', subject: found.passkeyId, level: passkeyLevel });
        return c.json({ redirect: safeReturn(body.returnTo) });
      },
    },
  ];
}
