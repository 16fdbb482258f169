import { z } from 'zod';
import { apiRoute, ok } from '../../platform/http/api/api-route.ts';
import { HttpError, notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { accountHeldBy } from '../accounts/index.ts';
import { getService, getServiceEntry, listPublished, type ServiceEntry } from '../catalogue/index.ts';
import { findOrganisationByUid, findPersonByAvs, normaliseUid } from '../identity/index.ts';
import { getMandateOfPrincipal, mandatePermissions, mandateThemes } from '../mandates/index.ts';
import { type AccountAction, canPerson } from '../policy/index.ts';
import { allowInOwnAuthority } from './allow-in-own-authority.ts';
import { idParams, localisedText } from './api-schemas.ts';

const service = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: localisedText,
  summary: localisedText,
  state: z.enum(['draft', 'published', 'withdrawn']),
  formId: z.string().nullable(),
  feeCents: z.number().int().nullable(),
  processingDays: z.number().int().nullable(),
  theme: z.enum(mandateThemes).nullable(),
});
const serviceOut = (entry: ServiceEntry) => ({
  id: entry.id,
  slug: entry.slug,
  name: entry.content.name,
  summary: entry.content.summary,
  state: entry.state,
  formId: entry.content.formId ?? null,
  feeCents: entry.content.feeCents,
  processingDays: entry.content.processingDays,
  theme: entry.content.theme,
});

/** The integration API's own resources: the mandate check and the authority's services. */
export function integrationRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/services',
      operationId: 'listServices',
      summary: 'The authority’s published services',
      tag: 'Services',
      scope: 'services:read',
      object: 'decided',
      responses: { 200: z.object({ items: z.array(service) }) },
      async handle({ actor }) {
        await allowInOwnAuthority(db, actor, 'integration.readServices');
        const entries = await listPublished(db, { authorityId: actor.authorityId });
        return ok({ items: entries.map(serviceOut) });
      },
    }),
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/services/:id',
      operationId: 'getService',
      summary: 'One of the authority’s services, as last saved',
      tag: 'Services',
      scope: 'services:read',
      object: 'decided',
      params: idParams,
      responses: { 200: service },
      errors: [404],
      async handle({ actor, params }) {
        await allowInOwnAuthority(db, actor, 'integration.readServices');
        const found = await getService(db, { id: params.id });
        // Another authority's service is answered as absent, like one that does not exist.
        if (found?.authorityId !== actor.authorityId) throw notFound();
        const entry = await getServiceEntry(db, { id: params.id }, 'latest');
        if (!entry) throw notFound();
        return ok(serviceOut(entry));
      },
    }),
    apiRoute(db, {
      // May this person act for this principal on this theme? Business applications ask before they
      // show or accept anything on someone's behalf; the answer names the mandate it rests on.
      method: 'GET',
      path: '/api/v1/mandates/check',
      operationId: 'checkMandate',
      summary: 'May this person act for this principal on this theme?',
      tag: 'Mandates',
      scope: 'mandates:read',
      object: 'decided',
      query: z
        .object({
          agentAvs: z.string().describe('The AVS number of the person who acts.'),
          principalAvs: z.string().optional().describe('The AVS number of the person acted for…'),
          principalUid: z.string().optional().describe('…or the UID of the organisation acted for.'),
          theme: z.enum(mandateThemes),
          permission: z.enum(mandatePermissions).default('consult'),
        })
        .refine((q) => Boolean(q.principalAvs) !== Boolean(q.principalUid), {
          message: 'give principalAvs or principalUid',
        }),
      responses: {
        200: z.object({
          allowed: z.boolean(),
          basis: z.enum(['holder', 'member', 'mandate']).nullable(),
          mandate: z
            .object({
              id: z.uuid(),
              themes: z.array(z.string()),
              permissions: z.array(z.string()),
              validFrom: z.string(),
              validTo: z.string().nullable(),
            })
            .nullable(),
        }),
      },
      errors: [404],
      async handle({ actor, query }) {
        await allowInOwnAuthority(db, actor, 'integration.checkMandates');
        const agent = await findPersonByAvs(db, query.agentAvs);
        if (!agent) throw new HttpError(404, 'unknown_agent', 'no person with this AVS number');
        const principalPerson = query.principalAvs
          ? await findPersonByAvs(db, query.principalAvs)
          : undefined;
        const organisation = query.principalUid
          ? await findOrganisationByUid(db, normaliseUid(query.principalUid) ?? '')
          : undefined;
        const accountId = principalPerson
          ? await accountHeldBy(db, { personId: principalPerson.id })
          : organisation && (await accountHeldBy(db, { organisationId: organisation.id }));
        if (!accountId) throw new HttpError(404, 'unknown_principal', 'no account for this principal');
        const decision = await canPerson(db, agent.id, `account.${query.permission}` as AccountAction, {
          type: 'account',
          accountId,
          theme: query.theme,
        });
        const mandate =
          decision.allowed && decision.mandateId
            ? await getMandateOfPrincipal(db, accountId, decision.mandateId)
            : undefined;
        const basis =
          decision.allowed &&
          decision.via !== 'staff' &&
          decision.via !== 'platformAdmin' &&
          decision.via !== 'apiClient'
            ? decision.via
            : null;
        return ok({
          allowed: decision.allowed,
          basis,
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
    }),
  ];
}
