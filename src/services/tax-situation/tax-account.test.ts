import { describe, expect, it } from 'vitest';
import { type AccountEntry, openInvoices, totalsOf } from './tax-account.ts';

const entry = (e: Partial<AccountEntry>): AccountEntry => ({
  period: 2025,
  taxType: 'federal',
  final: true,
  assessedCents: 10000,
  invoicedCents: 10000,
  paidCents: 10000,
  outstandingCents: 0,
  instalments: { count: 1, paid: 1 },
  reminders: 0,
  dueOn: '2026-10-20',
  invoiceNumber: 'SCC-2025-1',
  ...e,
});

describe('the tax situation’s rules', () => {
  it('totals the lines, a provisional assessment counting as nothing assessed yet', () => {
    const totals = totalsOf([
      entry({
        assessedCents: 84500,
        invoicedCents: 84500,
        paidCents: 72500,
        outstandingCents: 12000,
        reminders: 1,
      }),
      entry({
        period: 2026,
        final: false,
        assessedCents: null,
        invoicedCents: 9000,
        paidCents: 8000,
        outstandingCents: 1000,
      }),
    ]);
    expect(totals).toEqual({
      assessedCents: 84500,
      invoicedCents: 93500,
      paidCents: 80500,
      outstandingCents: 13000,
      reminders: 1,
    });
  });

  it('does not let an overpayment hide what another line still owes', () => {
    expect(
      totalsOf([entry({ outstandingCents: -500 }), entry({ outstandingCents: 1200 })]).outstandingCents,
    ).toBe(1200);
  });

  it('lists as open only invoices with something to pay, the oldest due first', () => {
    const open = openInvoices([
      entry({ invoiceNumber: 'paid' }),
      entry({ invoiceNumber: 'later', outstandingCents: 100, dueOn: '2026-12-31' }),
      entry({ invoiceNumber: 'sooner', outstandingCents: 100, dueOn: '2026-10-20' }),
    ]);
    expect(open.map((e) => e.invoiceNumber)).toEqual(['sooner', 'later']);
  });
});
