import { notFound } from '../../platform/http/http-error.ts';
import type { RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { actorRef, designedBy } from './designer-access.ts';
import { catalogueMessages } from './messages.ts';
import { addSynonyms, deleteSynonyms, listSynonyms } from './search.ts';
import { designerBase, SynonymsPage } from './views/designer-pages.tsx';

/** The canton's search synonyms, kept by any service designer. */
export function synonymRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  return [
    {
      method: 'GET',
      path: `${designerBase}/synonyms`,
      access: 'staff',
      async handler(c) {
        if ((await designedBy(db, c)).length === 0) throw notFound();
        return platform.render(
          c,
          { title: catalogueMessages.translator(c.var.locale)('synonymsTitle') },
          <SynonymsPage locale={c.var.locale} groups={await listSynonyms(db)} value="" errors={[]} />,
        );
      },
    },
    {
      method: 'POST',
      path: `${designerBase}/synonyms`,
      access: 'staff',
      async handler(c) {
        if ((await designedBy(db, c)).length === 0) throw notFound();
        const value = String((await c.req.parseBody()).terms ?? '');
        const added = await addSynonyms(db, actorRef(c), value.split(','));
        if (added.length > 0) return c.redirect(`${designerBase}/synonyms`, 303);
        const t = catalogueMessages.translator(c.var.locale);
        return platform.render(
          c,
          { title: t('synonymsTitle'), status: 422 },
          <SynonymsPage
            locale={c.var.locale}
            groups={await listSynonyms(db)}
            value={value}
            errors={[{ field: 'terms', message: t('synonymsTooFew') }]}
          />,
        );
      },
    },
    {
      method: 'POST',
      path: `${designerBase}/synonyms/:id/delete`,
      access: 'staff',
      object: { none: 'the canton’s search synonyms, shared by every designer' },
      async handler(c) {
        if ((await designedBy(db, c)).length === 0) throw notFound();
        const id = c.req.param('id') ?? '';
        if (!/^[0-9a-f-]{36}$/.test(id) || !(await deleteSynonyms(db, actorRef(c), id))) throw notFound();
        return c.redirect(`${designerBase}/synonyms`, 303);
      },
    },
  ];
}
