import { sql } from 'kysely';
import { auditedTx } from '../../platform/audit/audit.ts';
import { type Db, tablesOf } from '../../platform/database/database.ts';
import { emitEvent } from '../../platform/events/emit-event.ts';
import { enqueue } from '../../platform/jobs/enqueue.ts';
import { type Payment, paymentEvent } from './payments.ts';
import type { PaymentsTables } from './tables.ts';

/**
 * Records a fee as paid, whatever paid it (the provider's transaction, a bank credit, staff accepting a
 * partial transfer), with the asker's job enqueued in the same audited transaction. The caller holds the
 * payment's row lock (`locked`) and has checked it is still unsettled: this is the one place a fee
 * becomes paid, so the asker hears of it once.
 */
export async function settlePayment(
  tx: Db,
  payment: Payment,
  settlement: { actor: string; transactionId?: string; details: Record<string, unknown> },
): Promise<Payment> {
  const details = { refno: payment.refno, amountCents: payment.amount_cents, ...settlement.details };
  return auditedTx(tx, paymentEvent(settlement.actor, 'payment.settled', payment, details), async (tx) => {
    const paid = await tablesOf<PaymentsTables>(tx)
      .updateTable('payments')
      .set({
        status: 'paid',
        paid_at: sql`now()`,
        updated_at: sql`now()`,
        ...(settlement.transactionId && { provider_transaction_id: settlement.transactionId }),
      })
      .where('id', '=', payment.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (paid.on_settled) await enqueue(tx, paid.on_settled.job, paid.on_settled.payload as never);
    await emitEvent(tx, {
      type: 'payment.succeeded',
      authorityId: paid.authority_id,
      subject: `payment:${paid.id}`,
      data: {
        payment: {
          id: paid.id,
          reference: paid.reference,
          amountCents: paid.amount_cents,
          currency: paid.currency,
        },
      },
    });
    return paid;
  });
}
