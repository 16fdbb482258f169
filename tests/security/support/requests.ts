import { randomUUID } from 'node:crypto';
import type { CollectedRoute } from '../../../src/platform/http/app.tsx';
import type { ActorName, Cast } from './cast.ts';

/** Someone the route's `access` lets in, so that a refusal is the check under test and not the gate. */
export function actorFor(route: Pick<CollectedRoute, 'access' | 'path'>): ActorName {
  if (route.access === 'apiClient') return 'keyX';
  if (route.access === 'staff') return 'adminX';
  if (route.access === 'anonymous') return 'anonymous';
  return 'citizenA';
}

/** The route's path with its parameters named: A's and X's objects where the fixtures have them. */
export function fillPath(route: Pick<CollectedRoute, 'path'>, cast: Cast): string {
  return route.path
    .replace(/:slug|:commune/g, cast.slugs.X)
    .replace(':provider', 'dev')
    .replace(/:(\w+)/g, (_all, name: string) => {
      const kind = name === 'id' ? route.path.split(`/:${name}`)[0]?.split('/').at(-1) : name;
      const byWord: Record<string, string | undefined> = {
        requests: cast.objects.A.request,
        documents: cast.objects.A.document,
        messages: cast.objects.A.thread,
        drafts: cast.objects.A.draft,
        submissions: cast.objects.A.submission,
        forms: cast.objects.X.form,
        formId: cast.objects.X.form,
        mandates: cast.objects.A.mandate,
        webhooks: cast.objects.X.webhook,
        'api-keys': cast.objects.X.apiKey,
      };
      return byWord[kind ?? ''] ?? randomUUID();
    })
    .replace('*', 'x');
}
