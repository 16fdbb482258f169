import { notFound } from '../../platform/http/http-error.ts';
import { loggedInPerson, type RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { taxSituationMessages } from './messages.ts';
import { TaxSystemUnavailable, taxAccountClient } from './tax-account.ts';
import { consultableTaxpayer } from './taxpayer.ts';
import { TaxSituationPage, type TaxSituationView } from './views/tax-situation-page.tsx';

/** The tax situation: a consultation view no form can express, read live from the tax system. */
export function taxSituationRoutes(platform: Platform): RouteDef[] {
  const { db } = platform;
  const client = taxAccountClient(platform.config);
  return [
    {
      method: 'GET',
      path: '/tax/situation',
      access: 'person',
      level: 'substantial',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        const { number, logAccess } = await consultableTaxpayer(db, actor);
        const view = { locale: c.var.locale, accountName: actor.account.name };
        const render = (body: TaxSituationView, status: 200 | 503 = 200) => {
          const title = taxSituationMessages.translator(c.var.locale)('title');
          return platform.render(c, { title, status }, <TaxSituationPage {...body} />);
        };
        if (!number) return render({ ...view, entries: null, problem: 'noNumber' });
        try {
          const entries = await client.entries(number);
          await logAccess('taxAccount.view', { id: actor.account.id, label: actor.account.name });
          return render({ ...view, entries });
        } catch (error) {
          if (!(error instanceof TaxSystemUnavailable)) throw error;
          platform.logger.warn({ err: error }, 'tax system unavailable');
          return render({ ...view, entries: null, problem: 'unavailable' }, 503);
        }
      },
    },
    {
      method: 'GET',
      path: '/tax/situation/invoices/:number/qr-bill',
      access: 'person',
      level: 'substantial',
      object: 'decided',
      async handler(c) {
        const actor = loggedInPerson(c);
        const { number, logAccess } = await consultableTaxpayer(db, actor);
        const invoice = c.req.param('number') ?? '';
        const pdf = number ? await client.qrBill(number, invoice) : undefined;
        if (!pdf) throw notFound();
        await logAccess('taxAccount.qrBill', { id: invoice, label: invoice });
        return c.body(new Uint8Array(pdf), 200, {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `attachment; filename="${invoice.replace(/[^\w.-]/g, '_')}.pdf"`,
          'Cache-Control': 'no-store',
        });
      },
    },
  ];
}
