import type { InteractionResults } from 'oidc-provider';
import { masterKeysFor } from '../../../platform/crypto/master-keys.ts';
import { atLeast, isAssuranceLevel } from '../../../platform/http/assurance-level.ts';
import { HttpError } from '../../../platform/http/http-error.ts';
import { identityPaths } from '../../../platform/http/identity-paths.ts';
import type { RouteContext, RouteDef } from '../../../platform/http/route.ts';
import type { Platform } from '../../../platform/module.ts';
import { identityMessages } from '../messages.ts';
import { sessionAuth } from '../session-login.ts';
import { ConsentPage, ContinuePage } from '../views/consent-page.tsx';
import {
  type ActingFor,
  createGuichetProvider,
  impliedScopes,
  OP_INTERACTION_PREFIX,
  opAccountId,
} from './guichet-provider.ts';
import { delegateToProvider, nodeBindings } from './mount.ts';

/** Guichet's own OpenID provider: discovery, protocol endpoints, and its login and consent steps. */
export function openIdProviderRoutes(
  platform: Platform,
  actingFor: ActingFor,
  apiScopes: readonly string[] = [],
): RouteDef[] {
  let ready: ReturnType<typeof createGuichetProvider> | undefined;
  const provider = () =>
    (ready ??= masterKeysFor(platform.config, platform.db).then((keys) =>
      createGuichetProvider({
        db: platform.db,
        keys,
        publicUrl: platform.config.publicUrl,
        secrets: platform.secrets,
        actingFor,
        apiScopes,
      }),
    ));
  // Its logout and form_post pages send the browser on to the registered applications.
  const protocol = async (c: RouteContext) =>
    delegateToProvider(await provider(), c, { config: platform.config, formActions: ['https:'] });
  const interactionPath = `${OP_INTERACTION_PREFIX}/:uid`;

  /**
   * The provider's next step ends at the service's own address. A redirect chain that began with a
   * form post may not leave the site (CSP form-action), so a page hands over with a plain navigation.
   */
  function continueTo(c: RouteContext, returnTo: string, client: string) {
    const t = identityMessages.translator(c.var.locale);
    return platform.render(
      c,
      {
        title: t('continueTitle', { client }),
        head: <meta http-equiv="refresh" content={`0; url=${returnTo}`} />,
      },
      <ContinuePage locale={c.var.locale} client={client} href={returnTo} />,
    );
  }

  async function clientName(op: Awaited<ReturnType<typeof provider>>, clientId: unknown): Promise<string> {
    const client = await op.Client.find(String(clientId));
    return client?.clientName ?? String(clientId);
  }

  async function details(c: RouteContext) {
    const { incoming, outgoing } = nodeBindings(c);
    const op = await provider();
    const interaction = await op.interactionDetails(incoming, outgoing);
    const finish = (result: InteractionResults) => op.interactionResult(incoming, outgoing, result);
    return { op, interaction, finish };
  }

  return [
    {
      method: 'GET',
      path: interactionPath,
      access: 'anonymous',
      object: { none: 'a login interaction of the OpenID provider, bound to its own cookie' },
      async handler(c) {
        const { op, interaction, finish } = await details(c);
        const auth = sessionAuth(c.var.session);
        const actor = c.var.actor;
        if (interaction.prompt.name === 'login') {
          const wanted = String(interaction.params.acr_values ?? '').split(' ')[0];
          const level = isAssuranceLevel(wanted) ? wanted : undefined;
          // Not logged in to Guichet, or not strongly enough: log in here first, then come back.
          if (!auth || actor?.kind !== 'person' || (level && !atLeast(auth.level, level))) {
            const query = new URLSearchParams({ return: c.req.path });
            if (level) query.set('level', level);
            return c.redirect(`${identityPaths.login}?${query}`, 303);
          }
          const returnTo = await finish({
            login: {
              accountId: opAccountId(auth.personId, actor.account.id),
              acr: auth.level,
              amr: [auth.provider],
            },
          });
          return continueTo(c, returnTo, await clientName(op, interaction.params.client_id));
        }
        const t = identityMessages.translator(c.var.locale);
        const name = await clientName(op, interaction.params.client_id);
        return platform.render(
          c,
          { title: t('consentTitle', { client: name }) },
          <ConsentPage locale={c.var.locale} client={name} action={c.req.path} />,
        );
      },
    },
    {
      method: 'POST',
      path: interactionPath,
      access: 'anonymous',
      object: { none: 'a login interaction of the OpenID provider, bound to its own cookie' },
      async handler(c) {
        const { op, interaction, finish } = await details(c);
        if (interaction.prompt.name !== 'consent' || !interaction.session?.accountId)
          throw new HttpError(400, 'bad_request');
        const form = await c.req.parseBody();
        const name = await clientName(op, interaction.params.client_id);
        if (form.decision !== 'allow') {
          return continueTo(
            c,
            await finish({ error: 'access_denied', error_description: 'The person refused' }),
            name,
          );
        }
        const grant = interaction.grantId
          ? await op.Grant.find(interaction.grantId)
          : new op.Grant({
              accountId: interaction.session.accountId,
              clientId: String(interaction.params.client_id),
            });
        if (!grant) throw new HttpError(400, 'bad_request');
        const requested = String(interaction.params.scope ?? '').split(' ');
        grant.addOIDCScope([...impliedScopes, ...requested.filter((s) => s === 'avs')].join(' '));
        const grantId = await grant.save();
        return continueTo(c, await finish({ consent: { grantId } }), name);
      },
    },
    { method: 'GET', path: '/.well-known/openid-configuration', access: 'machine', handler: protocol },
    { method: 'GET', path: '/oidc/*', access: 'machine', handler: protocol },
    { method: 'POST', path: '/oidc/*', access: 'machine', handler: protocol },
  ];
}
