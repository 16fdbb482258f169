import { z } from 'zod';
import { apiRoute, ok } from '../../platform/http/api/api-route.ts';
import { notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { can } from '../policy/index.ts';
import { getForm, getVersion } from './forms.ts';
import { formJsonSchema } from './schema.ts';

/** What a business application reads of its authority's forms: the JSON Schema of the published version. */
export function formApiRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    apiRoute(db, {
      method: 'GET',
      path: '/api/v1/forms/:id/schema',
      operationId: 'getFormSchema',
      summary: 'The JSON Schema (2020-12) of the answers to a form’s published version',
      tag: 'Forms',
      scope: 'forms:read',
      object: 'decided',
      params: z.object({ id: z.string().max(100) }),
      responses: { 200: z.record(z.string(), z.unknown()).describe('A JSON Schema 2020-12 document.') },
      errors: [404],
      async handle({ actor, params }) {
        const form = await getForm(db, params.id);
        const published = form && (await getVersion(db, form, 'published'));
        if (!form || !published) throw notFound();
        // Each application reads only its own authority's forms; another's is answered as absent.
        const resource = { type: 'authority' as const, authorityId: form.authorityId };
        if (!(await can(db, actor, 'integration.readFormSchemas', resource)).allowed) throw notFound();
        return ok(
          formJsonSchema(published.definition, `${platform.config.publicUrl}/api/v1/forms/${form.id}/schema`),
        );
      },
    }),
  ];
}
