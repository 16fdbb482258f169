import { HttpError } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { accountHeldBy } from '../accounts/index.ts';
import { findOrganisationByUid, findPersonByAvs } from '../identity/index.ts';
import {
  getMandateOfPrincipal,
  type MandatePermission,
  type MandateTheme,
  mandatePermissions,
  mandateThemes,
} from '../mandates/index.ts';
import { type AccountAction, can, canPerson } from '../policy/index.ts';

const apiLimit = { bucket: 'api', limit: 600, windowSeconds: 60 };

/** The integration API for authorities' business applications. JSON; errors as `{ error }`. */
export function integrationRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    {
      // May this person act for this principal on this theme? Business applications ask before they
      // show or accept anything on someone's behalf; the answer names the mandate it rests on.
      method: 'GET',
      path: '/api/v1/mandates/check',
      access: 'apiClient',
      rateLimit: apiLimit,
      async handler(c) {
        const actor = c.var.actor;
        if (
          actor?.kind !== 'apiClient' ||
          !(
            await can(db, actor, 'integration.checkMandates', {
              type: 'authority',
              authorityId: actor.authorityId,
            })
          ).allowed
        ) {
          throw new HttpError(403, 'forbidden');
        }
        const q = (name: string) => c.req.query(name) ?? '';
        const theme = q('theme') as MandateTheme;
        const permission = (q('permission') || 'consult') as MandatePermission;
        if (!mandateThemes.includes(theme) || !mandatePermissions.includes(permission))
          throw new HttpError(400, 'invalid_theme_or_permission');
        const agent = await findPersonByAvs(db, q('agentAvs'));
        if (!agent) return c.json({ error: 'unknown_agent' }, 404);
        const principalPerson = q('principalAvs') ? await findPersonByAvs(db, q('principalAvs')) : undefined;
        const organisation = q('principalUid')
          ? await findOrganisationByUid(
              db,
              q('principalUid')
                .replace(/[.\s-]/g, '')
                .toUpperCase(),
            )
          : undefined;
        const accountId = principalPerson
          ? await accountHeldBy(db, { personId: principalPerson.id })
          : organisation && (await accountHeldBy(db, { organisationId: organisation.id }));
        if (!accountId) return c.json({ error: 'unknown_principal' }, 404);
        const decision = await canPerson(db, agent.id, `account.${permission}` as AccountAction, {
          type: 'account',
          accountId,
          theme,
        });
        const mandate =
          decision.allowed && decision.mandateId
            ? await getMandateOfPrincipal(db, accountId, decision.mandateId)
            : undefined;
        return c.json({
          allowed: decision.allowed,
          basis: decision.allowed ? decision.via : null,
          mandate: mandate
            ? {
                id: mandate.id,
                themes: mandate.themes,
                permissions: mandate.permissions,
                validFrom: mandate.valid_from,
                validTo: mandate.valid_to,
              }
            : null,
        });
      },
    },
  ];
}
