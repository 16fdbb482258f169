import { masterKeysFor } from '../../platform/crypto/master-keys.ts';
import type { GuichetModule } from '../../platform/module.ts';
import { bankRoutes } from './bank-routes.tsx';
import { checkoutRoutes } from './checkout-routes.tsx';
import * as createPayments from './migrations/2026-11-24-18-payments-create.ts';
import * as refunds from './migrations/2026-11-24-22-payments-refunds.ts';
import * as paymentTheme from './migrations/2026-11-24-24-payments-theme.ts';
import * as cancelled from './migrations/2026-11-24-25-payments-cancelled.ts';
import * as referenceReason from './migrations/2026-11-30-22-payments-reference-reason.ts';
import * as refundRequests from './migrations/2026-11-30-50-payments-refund-requests.ts';
import * as webhookReplay from './migrations/2026-11-30-51-payments-webhook-replay.ts';
import * as settings from './migrations/2026-12-01-80-payments-settings.ts';
import * as ledgerBank from './migrations/2026-12-01-90-payments-ledger-bank.ts';
import * as webhookProcessing from './migrations/2026-12-03-02-payments-webhook-processing.ts';
import * as changeLog from './migrations/2026-12-07-41-payments-change-log.ts';
import { paymentsMySpace } from './my-space.tsx';
import { notificationRoutes } from './notification-routes.ts';
import { reconcilePending } from './provider-transactions.ts';
import { type ProviderSource, providerOfPayment } from './providers.ts';
import { askRefund, paymentOfRefund } from './refunds.ts';
import { paymentRoutes } from './routes.tsx';
import { settingsRoutes } from './settings-routes.tsx';
import { statementRoutes } from './statement-routes.tsx';

/**
 * Online payment of fees: payments asked by other modules (a request's status), paid through the
 * provider's hosted page (Datatrans), confirmed by its signed webhook or by asking it, reconciled by a
 * job; whoever asked is told through the job it named, in the transaction that records the payment.
 */
export const paymentsModule: GuichetModule = {
  name: 'payments',
  migrations: {
    '2026-11-24-18-payments-create': createPayments,
    '2026-11-24-22-payments-refunds': refunds,
    '2026-11-24-24-payments-theme': paymentTheme,
    '2026-11-24-25-payments-cancelled': cancelled,
    '2026-11-30-22-payments-reference-reason': referenceReason,
    '2026-11-30-50-payments-refund-requests': refundRequests,
    '2026-11-30-51-payments-webhook-replay': webhookReplay,
    '2026-12-01-80-payments-settings': settings,
    '2026-12-01-90-payments-ledger-bank': ledgerBank,
    '2026-12-03-02-payments-webhook-processing': webhookProcessing,
    '2026-12-07-41-payments-change-log': changeLog,
  },
  routes: (platform) => [
    ...checkoutRoutes(platform),
    ...settingsRoutes(platform),
    ...paymentRoutes(platform),
    ...notificationRoutes(platform),
    ...bankRoutes(platform),
    ...statementRoutes(platform),
  ],
  mySpace: paymentsMySpace,
  jobs: (platform) => {
    const source: ProviderSource = {
      db: platform.db,
      config: platform.config,
      keys: () => masterKeysFor(platform.config, platform.db),
    };
    return {
      'payments:reconcile-pending': async () => {
        await reconcilePending(
          platform.db,
          (payment, attemptProvider) => providerOfPayment(source, payment, attemptProvider),
          platform.now(),
        );
      },
      'payments:ask-refund': async ({ refundId }, helpers) => {
        const payment = await paymentOfRefund(platform.db, refundId);
        const provider = payment && (await providerOfPayment(source, payment));
        if (!provider) throw new Error('No payment provider to refund through');
        await askRefund(
          platform.db,
          provider,
          refundId,
          { number: helpers.job.attempts, max: helpers.job.max_attempts },
          platform.now(),
        );
      },
    };
  },
};
