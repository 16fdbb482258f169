import { masterKeysFor } from '../../../platform/crypto/master-keys.ts';
import { mac } from '../../../platform/crypto/secrets.ts';
import { isAssuranceLevel } from '../../../platform/http/assurance-level.ts';
import { HttpError } from '../../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../../platform/http/route.ts';
import type { Platform } from '../../../platform/module.ts';
import { devClientSecret } from '../identity-providers.ts';
import { identityMessages } from '../messages.ts';
import { delegateToProvider, nodeBindings } from '../openid-provider/mount.ts';
import { DevIdpPage } from '../views/dev-idp-page.tsx';
import { createDevIdentityProvider, DEV_IDP_PREFIX } from './dev-provider.ts';
import { allTestPersons } from './test-persons.ts';

/** The development identity provider: its protocol endpoints and its login ("interaction") pages. */
export function devIdpRoutes(platform: Platform): RouteDef[] {
  // Made on first use: building the route table must not touch the database.
  let ready: ReturnType<typeof createDevIdentityProvider> | undefined;
  const provider = () =>
    (ready ??= masterKeysFor(platform.config, platform.db).then((keys) =>
      createDevIdentityProvider({
        db: platform.db,
        keys,
        publicUrl: platform.config.publicUrl,
        clientSecret: devClientSecret(platform.secrets),
        cookieKeys: platform.secrets.accepted('dev-idp').map((key) => mac(key, 'cookies')),
      }),
    ));
  const protocol = async (c: RouteContext) =>
    delegateToProvider(await provider(), c, { config: platform.config, prefix: DEV_IDP_PREFIX });
  const interactionPath = `${DEV_IDP_PREFIX}/interaction/:uid`;
  return [
    {
      method: 'GET',
      path: interactionPath,
      access: 'anonymous',
      object: { none: 'a login interaction of the development provider, bound to its own cookie' },
      async handler(c) {
        const { incoming, outgoing } = nodeBindings(c);
        const details = await (await provider()).interactionDetails(incoming, outgoing);
        const requested = String(details.params.acr_values ?? '').split(' ')[0];
        const t = identityMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('devIdpTitle') },
          <DevIdpPage
            locale={c.var.locale}
            action={c.req.path}
            persons={allTestPersons}
            level={isAssuranceLevel(requested) ? requested : 'high'}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: interactionPath,
      access: 'anonymous',
      object: { none: 'a login interaction of the development provider, bound to its own cookie' },
      async handler(c) {
        const { incoming, outgoing } = nodeBindings(c);
        const form = await c.req.parseBody();
        const person = allTestPersons.find((p) => p.sub === form.person);
        const level = form.level;
        if (!person || !isAssuranceLevel(level)) throw new HttpError(400, 'bad_request');
        const returnTo = await (await provider()).interactionResult(incoming, outgoing, {
          login: { accountId: person.sub, acr: level, amr: ['pwd'] },
        });
        return c.redirect(returnTo, 303);
      },
    },
    { method: 'GET', path: `${DEV_IDP_PREFIX}/*`, access: 'machine', handler: protocol },
    { method: 'POST', path: `${DEV_IDP_PREFIX}/*`, access: 'machine', handler: protocol },
  ];
}
