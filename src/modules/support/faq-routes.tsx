import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteContext, type RouteDef } from '../../platform/http/route.ts';
import { type LocalisedText, pick } from '../../platform/i18n/locales.ts';
import type { Platform } from '../../platform/module.ts';
import { ConfirmAction } from '../../platform/views/components/confirm-action.tsx';
import type { getAuthorityBySlug } from '../authorities/index.ts';
import { listPublished } from '../catalogue/index.ts';
import { getFaqEntry, removeFaqEntry, updateFaqEntry } from './change-faq-entry.ts';
import { supportMessages } from './messages.ts';
import { supportPaths } from './paths.ts';
import { FaqForm } from './views/faq-form.tsx';

type Authority = NonNullable<Awaited<ReturnType<typeof getAuthorityBySlug>>>;

/** Where the canton's desk keeps its questions. */
export const faqBase = (slug: string) => `${supportPaths.desk(slug)}/faq`;

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** A question as the desk's form posts it: French required, the service one the catalogue publishes. */
export function readFaqForm(
  posted: Record<string, unknown>,
  publishedSlugs: string[],
): { serviceSlug: string | null; question: LocalisedText; answer: LocalisedText } | undefined {
  const texts = (field: string) => ({
    fr: text(posted[`${field}.fr`], 2000),
    ...(text(posted[`${field}.de`], 2000) && { de: text(posted[`${field}.de`], 2000) }),
    ...(text(posted[`${field}.en`], 2000) && { en: text(posted[`${field}.en`], 2000) }),
  });
  const question = texts('question');
  const answer = texts('answer');
  const service = text(posted.service, 200);
  if (!question.fr || !answer.fr) return undefined;
  return { serviceSlug: publishedSlugs.includes(service) ? service : null, question, answer };
}

/** Changing and removing the canton's questions: its desk's people only, as adding them. */
export function faqRoutes(
  platform: Platform,
  deskAuthority: (c: RouteContext) => Promise<Authority>,
): RouteDef[] {
  const { db } = platform;

  async function faqEntry(c: RouteContext) {
    const authority = await deskAuthority(c);
    // The canton supports the base services: its desk keeps the questions people ask.
    const entry = authority.kind === 'canton' ? await getFaqEntry(db, c.req.param('id') ?? '') : undefined;
    if (!entry) throw notFound();
    const base = faqBase(authority.slug);
    const t = supportMessages.translator(c.var.locale);
    const desk = {
      label: t('deskTitle', { authority: pick(authority.names, c.var.locale, authority.languages) }),
      href: supportPaths.desk(authority.slug),
    };
    return { authority, entry, path: `${base}/${entry.id}`, t, breadcrumbs: [desk] };
  }

  const published = async () =>
    (await listPublished(db)).map((e) => ({ slug: e.slug, name: e.content.name }));

  return [
    {
      method: 'GET',
      path: `${faqBase(':slug')}/:id`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { entry, path, t, breadcrumbs } = await faqEntry(c);
        return platform.render(
          c,
          { title: t('faqEditTitle'), breadcrumbs },
          <>
            <h1>{t('faqEditTitle')}</h1>
            <FaqForm
              locale={c.var.locale}
              action={path}
              entry={entry}
              services={(await published()).map((s) => ({ slug: s.slug, name: pick(s.name, c.var.locale) }))}
            />
            <p>
              <a href={`${path}/remove`}>{t('faqRemoveLink')}</a>
            </p>
          </>,
        );
      },
    },
    {
      method: 'POST',
      path: `${faqBase(':slug')}/:id`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, entry, path } = await faqEntry(c);
        const slugs = (await published()).map((s) => s.slug);
        const changed = readFaqForm(await c.req.parseBody(), slugs);
        // Without a French question and answer there is nothing to save: the form again, as it was.
        if (!changed) return c.redirect(path, 303);
        await updateFaqEntry(db, `person:${loggedInPerson(c).id}`, entry.id, changed);
        return c.redirect(`${supportPaths.desk(authority.slug)}?faq=saved`, 303);
      },
    },
    {
      method: 'GET',
      path: `${faqBase(':slug')}/:id/remove`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { entry, path, t, breadcrumbs } = await faqEntry(c);
        const title = t('faqRemoveTitle', { question: pick(entry.question, c.var.locale) });
        return platform.render(
          c,
          { title, breadcrumbs },
          <ConfirmAction
            title={title}
            consequences={[t('faqRemoveConsequence')]}
            action={`${path}/remove`}
            confirmLabel={t('faqRemoveConfirm')}
            cancelHref={path}
            cancelLabel={t('faqCancel')}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: `${faqBase(':slug')}/:id/remove`,
      access: 'staff',
      object: 'decided',
      async handler(c) {
        const { authority, entry } = await faqEntry(c);
        await removeFaqEntry(db, `person:${loggedInPerson(c).id}`, entry.id);
        return c.redirect(`${supportPaths.desk(authority.slug)}?faq=removed`, 303);
      },
    },
  ];
}
