import { notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { getAccount, recordAccess } from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import { getPerson, personName } from '../identity/index.ts';
import { getCaseOfAuthority } from './get-case.ts';
import { canOnCase } from './request-resource.ts';

/** Requests read by the business application of the authority that handles them. */
export function apiRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    {
      method: 'GET',
      path: '/api/v1/requests/:id',
      access: 'apiClient',
      object: 'decided',
      async handler(c) {
        const actor = c.var.actor;
        if (actor?.kind !== 'apiClient') throw notFound();
        // An application sees its own authority's requests only; others do not exist for it.
        const item = await getCaseOfAuthority(db, actor.authorityId, c.req.param('id') ?? '');
        if (!item || !(await canOnCase(db, actor, 'request.readThroughApi', item)).allowed) throw notFound();
        const person = await getPerson(db, item.person_id);
        const account = await getAccount(db, item.account_id);
        const authority = await getAuthorityById(db, item.authority_id);
        // The answers and the AVS number leave with the application: the requester's log says so.
        await recordAccess(db, {
          accountId: item.account_id,
          person: {
            id: actor.id,
            name: `${authority ? pick(authority.names, 'fr', authority.languages) : ''} (API)`,
          },
          via: 'staff',
          action: 'request.readThroughApi',
          subject: { type: 'request', id: item.id, label: item.reference },
        });
        return c.json({
          id: item.id,
          reference: item.reference,
          status: item.status,
          submittedAt: item.created_at.toISOString(),
          form: { id: item.form_id, version: item.form_version },
          levelOfAssurance: item.level,
          // Whose request it is, and who filled it in: the same person, or a representative under a mandate.
          onBehalfOf: {
            accountId: item.account_id,
            name: account?.name ?? '',
            kind: account?.kind ?? 'personal',
          },
          actedBy: {
            personId: item.person_id,
            name: person ? personName(person) : '',
            avs: person?.avs ?? null,
          },
          mandate: item.mandate_id ? { id: item.mandate_id } : null,
          answers: item.answers,
        });
      },
    },
  ];
}
