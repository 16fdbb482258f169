import type { Db } from '../../platform/database/database.ts';
import type { Authority } from '../authorities/index.ts';
import { type ContentProblem, parseServiceContent } from './service-content.ts';
import { createService, getService } from './services.ts';

export type NewServiceProblem = {
  field: string;
  problem: ContentProblem | 'authorityMissing' | 'slugInvalid' | 'slugTaken';
};

/**
 * A designer's new service, created as its first draft: only for an authority they design for, under an
 * address (slug) that is well formed and free, with content that parses. Otherwise nothing is written and
 * every problem is returned, the address's and the authority's first, as the form shows them.
 */
export async function createDesignedService(
  db: Db,
  actor: string,
  designs: Authority[],
  form: Record<string, string | string[]>,
): Promise<{ created: true; slug: string } | { created: false; problems: NewServiceProblem[] }> {
  const { content, problems: contentProblems } = parseServiceContent(form);
  const problems: NewServiceProblem[] = [...contentProblems];
  const slug = String(form.slug ?? '').trim();
  const authority = designs.find((a) => a.slug === form.authority);
  if (!authority) problems.unshift({ field: 'authority', problem: 'authorityMissing' });
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 80)
    problems.unshift({ field: 'slug', problem: 'slugInvalid' });
  else if (await getService(db, { slug })) problems.unshift({ field: 'slug', problem: 'slugTaken' });
  if (problems.length > 0 || !authority) return { created: false, problems };
  await createService(db, actor, { authorityId: authority.id, slug, content });
  return { created: true, slug };
}
