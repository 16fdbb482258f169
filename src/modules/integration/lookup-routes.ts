import { z } from 'zod';
import { apiRoute, ok } from '../../platform/http/api/api-route.ts';
import { HttpError } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import { pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { accountHeldBy, recordAccess } from '../accounts/index.ts';
import { getAuthorityById } from '../authorities/index.ts';
import {
  findOrganisationByUid,
  findPersonByAvs,
  formatAvs,
  formatUid,
  normaliseUid,
} from '../identity/index.ts';
import { allowInOwnAuthority } from './allow-in-own-authority.ts';

const notKnown = (what: string) => new HttpError(404, 'not_found', `no ${what} with this number in Guichet`);

/**
 * Looking up who a number belongs to, each with its own scope: a key that may read requests does not
 * thereby read the population register. Every look-up of a person is in that person's access log.
 */
export function lookupRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/persons',
      operationId: 'lookUpPerson',
      summary: 'The person with this AVS number, and their account (recorded in their access log)',
      tag: 'Persons and organisations',
      scope: 'persons:read',
      object: 'decided',
      query: z.object({ avs: z.string().min(13).max(16).describe('756.xxxx.xxxx.xx') }),
      responses: {
        200: z.object({
          id: z.uuid(),
          avs: z.string(),
          givenNames: z.string(),
          familyName: z.string(),
          dateOfBirth: z.string().nullable(),
          language: z.string(),
          accountId: z.uuid().nullable().describe('Their personal account: where documents go.'),
        }),
      },
      errors: [404],
      async handle({ actor, query }) {
        await allowInOwnAuthority(db, actor, 'integration.lookUpPersons');
        const person = await findPersonByAvs(db, query.avs);
        if (!person?.avs) throw notKnown('person');
        const accountId = (await accountHeldBy(db, { personId: person.id })) ?? null;
        if (accountId) {
          const authority = await getAuthorityById(db, actor.authorityId);
          await recordAccess(db, {
            accountId,
            person: {
              id: actor.id,
              name: `${authority ? pick(authority.names, 'fr', authority.languages) : ''} (API)`,
            },
            via: 'api',
            authorityId: actor.authorityId,
            action: 'person.lookUpThroughApi',
            subject: { type: 'person', id: person.id, label: formatAvs(person.avs) },
          });
        }
        return ok({
          id: person.id,
          avs: formatAvs(person.avs),
          givenNames: person.given_names,
          familyName: person.family_name,
          dateOfBirth: person.date_of_birth,
          language: person.preferred_language,
          accountId,
        });
      },
    }),
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/organisations',
      operationId: 'lookUpOrganisation',
      summary: 'The organisation with this UID, and its professional account',
      tag: 'Persons and organisations',
      scope: 'organisations:read',
      object: 'decided',
      query: z.object({ uid: z.string().min(12).max(20).describe('CHE-xxx.xxx.xxx') }),
      responses: {
        200: z.object({
          id: z.uuid(),
          uid: z.string(),
          name: z.string(),
          legalForm: z.string(),
          seat: z.string(),
          accountId: z.uuid().nullable(),
        }),
      },
      errors: [404],
      async handle({ actor, query }) {
        await allowInOwnAuthority(db, actor, 'integration.lookUpOrganisations');
        const uid = normaliseUid(query.uid);
        const organisation = uid ? await findOrganisationByUid(db, uid) : undefined;
        if (!organisation) throw notKnown('organisation');
        return ok({
          id: organisation.id,
          uid: formatUid(organisation.uid),
          name: organisation.name,
          legalForm: organisation.legal_form,
          seat: organisation.seat,
          accountId: (await accountHeldBy(db, { organisationId: organisation.id })) ?? null,
        });
      },
    }),
  ];
}
