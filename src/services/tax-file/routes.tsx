import { getServiceEntry } from '../../modules/catalogue/index.ts';
import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { taxFileMessages } from './messages.ts';
import { taxFileSlug } from './set-up.ts';
import { recentYears, TaxSystemUnavailable, taxFileClient } from './tax-system-client.ts';
import { consultableTaxpayer } from './taxpayer.ts';
import { TaxFilePage } from './views/tax-file-page.tsx';

/** The tax file's consultation: what no form can express, read live from the tax system. */
export function taxFileRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const client = taxFileClient(platform.config);
  return [
    {
      method: 'GET',
      path: '/tax/documents',
      access: 'person',
      level: 'substantial',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        const { number, logAccess } = await consultableTaxpayer(db, actor);
        const years = recentYears(platform.now());
        const olderFormId =
          (await getServiceEntry(db, { slug: taxFileSlug }, 'published'))?.content.formId ?? null;
        const view = { locale: c.var.locale, accountName: actor.account.name, years, olderFormId };
        const render = (body: Parameters<typeof TaxFilePage>[0], status: 200 | 503 = 200) => {
          return platform.render(
            c,
            { title: taxFileMessages.translator(c.var.locale)('title'), status },
            <TaxFilePage {...body} />,
          );
        };
        if (!number) return render({ ...view, documents: null, problem: 'noNumber' });
        try {
          const documents = await client.documents(number, years);
          await logAccess('taxFile.view', {
            id: actor.account.id,
            label: taxFileMessages.translator('fr')('year', { year: `${years.from}–${years.to}` }),
          });
          return render({ ...view, documents });
        } catch (error) {
          if (!(error instanceof TaxSystemUnavailable)) throw error;
          platform.logger.warn({ err: error }, 'tax system unavailable');
          return render({ ...view, documents: null, problem: 'unavailable' }, 503);
        }
      },
    },
    {
      method: 'GET',
      path: '/tax/documents/:id',
      access: 'person',
      level: 'substantial',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        const { number, logAccess } = await consultableTaxpayer(db, actor);
        const id = c.req.param('id') ?? '';
        if (!number) throw notFound();
        // Only a recent document of this taxpayer (older ones are asked for, and arrive as documents).
        const listed = (await client.documents(number, recentYears(platform.now()))).find((d) => d.id === id);
        const pdf = listed && (await client.documentPdf(number, id));
        if (!listed || !pdf) throw notFound();
        await logAccess('taxFile.download', { id, label: listed.title.fr });
        return c.body(new Uint8Array(pdf), 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="${id.replace(/[^\w.-]/g, '_')}.pdf"`,
          'Cache-Control': 'no-store',
        });
      },
    },
  ];
}
