import type { GuichetModule } from '../../platform/module.ts';
import { datatrans } from './datatrans.ts';
import * as createPayments from './migrations/2026-11-24-18-payments-create.ts';
import * as refunds from './migrations/2026-11-24-22-payments-refunds.ts';
import * as paymentTheme from './migrations/2026-11-24-24-payments-theme.ts';
import * as cancelled from './migrations/2026-11-24-25-payments-cancelled.ts';
import { paymentsMySpace } from './my-space.tsx';
import { reconcilePending } from './payments.ts';
import { paymentRoutes } from './routes.tsx';

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
  },
  routes: paymentRoutes,
  mySpace: paymentsMySpace,
  jobs: (platform) => ({
    'payments:reconcile-pending': async () => {
      if (platform.config.payments)
        await reconcilePending(platform.db, datatrans(platform.config.payments), platform.now());
    },
  }),
};
