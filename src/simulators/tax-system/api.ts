import { timingSafeEqual } from 'node:crypto';
import type { RouteContext, RouteDef } from '../../platform/http/route.ts';
import type { Platform } from '../../platform/module.ts';
import { documentPdf, invoiceQrBill, titleOf } from './documents.ts';
import { accountOf, documentOf, documentsOf, type Taxpayer, taxpayerOf } from './store.ts';

const none = { none: 'a simulator of the cantonal tax system’s API; its caller authenticates with a token' };
export const apiBase = '/simulators/tax-system/api/v1';

/**
 * The tax system's own small API, which Guichet reads live (it keeps none of it): a taxpayer's
 * documents by tax year and each one's PDF, their account per period and tax type, and the QR-bill of
 * an invoice still open. Taxpayers are named by AVS number or UID; the caller sends the bearer token.
 */
export function taxSystemApi(platform: Platform): RouteDef[] {
  const { db } = platform;
  const authorised = (c: RouteContext) => {
    const expected = Buffer.from(`Bearer ${platform.config.taxSystem.token ?? ''}`);
    const given = Buffer.from(c.req.header('authorization') ?? '');
    return (
      Boolean(platform.config.taxSystem.token) &&
      given.length === expected.length &&
      timingSafeEqual(given, expected)
    );
  };
  /** The taxpayer of the path, or the answer to give instead. */
  const taxpayer = async (c: RouteContext): Promise<Taxpayer | Response> => {
    if (!authorised(c)) return c.json({ error: 'unauthorised' }, 401);
    return (
      (await taxpayerOf(db, c.req.param('taxpayer') ?? '')) ?? c.json({ error: 'unknown taxpayer' }, 404)
    );
  };
  const pdf = (c: RouteContext, bytes: Buffer) =>
    c.body(new Uint8Array(bytes), 200, { 'content-type': 'application/pdf', 'cache-control': 'no-store' });
  return [
    {
      method: 'GET',
      path: `${apiBase}/taxpayers/:taxpayer/documents`,
      access: 'machine',
      object: none,
      async handler(c) {
        const found = await taxpayer(c);
        if (found instanceof Response) return found;
        const from = Number(c.req.query('fromYear') ?? 0);
        const to = Number(c.req.query('toYear') ?? 9999);
        return c.json({
          taxpayer: { name: found.name, kind: found.kind },
          documents: (await documentsOf(db, found.key, { from, to })).map((d) => ({
            id: d.id,
            taxYear: d.tax_year,
            kind: d.kind,
            title: { fr: titleOf(d, 'fr'), de: titleOf(d, 'de') },
            issuedOn: d.issued_on,
            amountCents: d.amount_cents,
          })),
        });
      },
    },
    {
      method: 'GET',
      path: `${apiBase}/taxpayers/:taxpayer/documents/:id`,
      access: 'machine',
      object: none,
      async handler(c) {
        const found = await taxpayer(c);
        if (found instanceof Response) return found;
        const document = await documentOf(db, found.key, c.req.param('id') ?? '');
        if (!document) return c.json({ error: 'unknown document' }, 404);
        return pdf(c, await documentPdf(found, document));
      },
    },
    {
      method: 'GET',
      path: `${apiBase}/taxpayers/:taxpayer/account`,
      access: 'machine',
      object: none,
      async handler(c) {
        const found = await taxpayer(c);
        if (found instanceof Response) return found;
        return c.json({
          taxpayer: { name: found.name, kind: found.kind },
          entries: (await accountOf(db, found.key)).map((e) => ({
            period: e.period,
            taxType: e.tax_type,
            final: e.final,
            assessedCents: e.assessed_cents,
            invoicedCents: e.invoiced_cents,
            paidCents: e.paid_cents,
            outstandingCents: e.invoiced_cents - e.paid_cents,
            instalments: { count: e.instalments, paid: e.instalments_paid },
            reminders: e.reminders,
            dueOn: e.due_on,
            invoiceNumber: e.invoice_number,
          })),
        });
      },
    },
    {
      method: 'GET',
      path: `${apiBase}/taxpayers/:taxpayer/invoices/:number/qr-bill`,
      access: 'machine',
      object: none,
      async handler(c) {
        const found = await taxpayer(c);
        if (found instanceof Response) return found;
        const entry = (await accountOf(db, found.key)).find(
          (e) => e.invoice_number === c.req.param('number'),
        );
        if (!entry || entry.invoiced_cents <= entry.paid_cents)
          return c.json({ error: 'no open invoice' }, 404);
        return pdf(c, await invoiceQrBill(found, entry));
      },
    },
  ];
}
