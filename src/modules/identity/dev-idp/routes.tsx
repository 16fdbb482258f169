import { createHmac } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { isAssuranceLevel } from '../../../platform/http/assurance-level.ts';
import { HttpError } from '../../../platform/http/http-error.ts';
import type { RouteContext, RouteDef } from '../../../platform/http/route.ts';
import type { Platform } from '../../../platform/module.ts';
import { devClientSecret } from '../identity-providers.ts';
import { identityMessages } from '../messages.ts';
import { DevIdpPage } from '../views/dev-idp-page.tsx';
import { createDevIdentityProvider, DEV_IDP_PREFIX } from './dev-provider.ts';
import { allTestPersons } from './test-persons.ts';

/** The development identity provider: its protocol endpoints and its login ("interaction") pages. */
export function devIdpRoutes(platform: Platform): RouteDef[] {
  const provider = createDevIdentityProvider({
    publicUrl: platform.config.publicUrl,
    clientSecret: devClientSecret(platform.secret),
    cookieKeys: [createHmac('sha256', platform.secret).update('dev-idp-cookies').digest('base64url')],
  });
  const node = (c: RouteContext) => {
    const bindings = c.env as HttpBindings | undefined;
    if (!bindings?.incoming) throw new HttpError(404, 'not_found'); // in-process requests have no socket
    return bindings;
  };
  // oidc-provider is a Koa app: hand it the raw request, with the path below its mount point.
  const protocol = async (c: RouteContext) => {
    const { incoming, outgoing } = node(c);
    const original = incoming.url ?? '/';
    Object.assign(incoming, { originalUrl: original, url: original.slice(DEV_IDP_PREFIX.length) || '/' });
    await provider.callback()(incoming, outgoing);
    return RESPONSE_ALREADY_SENT;
  };
  const interactionPath = `${DEV_IDP_PREFIX}/interaction/:uid`;
  return [
    {
      method: 'GET',
      path: interactionPath,
      access: 'anonymous',
      async handler(c) {
        const { incoming, outgoing } = node(c);
        const details = await provider.interactionDetails(incoming, outgoing);
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
      async handler(c) {
        const { incoming, outgoing } = node(c);
        const form = await c.req.parseBody();
        const person = allTestPersons.find((p) => p.sub === form.person);
        const level = form.level;
        if (!person || !isAssuranceLevel(level)) throw new HttpError(400, 'bad_request');
        const returnTo = await provider.interactionResult(incoming, outgoing, {
          login: { accountId: person.sub, acr: level, amr: ['pwd'] },
        });
        return c.redirect(returnTo, 303);
      },
    },
    { method: 'GET', path: `${DEV_IDP_PREFIX}/*`, access: 'oauthProtocol', handler: protocol },
    { method: 'POST', path: `${DEV_IDP_PREFIX}/*`, access: 'oauthProtocol', handler: protocol },
  ];
}
